/**
 * The pipeline's shape: steps that run one after another on a shared state, each printing its
 * outcome and figures, the whole run stopping at the first step that does not pass. Steps get
 * what they touch (the trainer, Docker, the Swarm) as interfaces, so each can be tested with fakes.
 */
import type { GateVerdict } from '../../solutions/service/holdout-gate';
import type { PromotionVerdict, ReleaseWindow } from './release-rule';

/** The steps, in the order they run; `--until` takes one of these names. */
export const STEP_NAMES = ['served', 'train', 'evaluate', 'gate', 'image', 'smoke', 'canary', 'watch', 'decide'] as const;
export type StepName = (typeof STEP_NAMES)[number];

/** A model folder and the version it holds. */
export interface ModelRef {
  version: string;
  /** The artifact folder (`…/spam/<version>/`). */
  dir: string;
}

/** What the steps learn and hand on; each fills its part. */
export interface PipelineState {
  /** The model that serves now, with where it was found and the image serving it (when a stack runs). */
  served?: ModelRef & { where: string; image?: string };
  candidate?: ModelRef;
  /** The candidate's F1 on the holdout, at its own threshold. */
  holdoutF1?: number;
  verdict?: GateVerdict;
  /** The image holding the served model and the candidate. */
  image?: string;
  /** Set once the canary runs: the replicas trying the candidate. */
  canary?: { replicas: string[] };
  watch?: { verdict: PromotionVerdict; window: ReleaseWindow; polls: number; seconds: number };
}

export type StepResult = { kind: 'passed'; summary: string; figures?: string[] } | { kind: 'stopped'; reason: string; figures?: string[] };

export interface Step {
  readonly name: StepName;
  /** One line for the plan (`--dry-run`): what the step will do, without doing it. */
  plan(): string;
  run(state: PipelineState, log: (line: string) => void): Promise<StepResult>;
}

export interface RunOptions {
  /** Print the plan, run nothing. */
  dryRun?: boolean;
  /** The last step to run (default: every step). */
  until?: StepName;
  log?: (line: string) => void;
  /** Called as each step begins: what a guard names when the run ends inside a step. */
  onStep?: (name: StepName) => void;
}

export interface PipelineOutcome {
  kind: 'planned' | 'completed' | 'stopped';
  /** The steps that ran, in order, with their results. */
  ran: { name: StepName; result: StepResult; seconds: number }[];
  state: PipelineState;
  /** The step that stopped the run, and why. */
  stoppedAt?: { name: StepName; reason: string };
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** `steps` up to `until` (inclusive); an unknown or absent `until` step is an error naming the known ones. */
export function selectSteps(steps: readonly Step[], until?: StepName): Step[] {
  if (until === undefined) return [...steps];
  const end = steps.findIndex((s) => s.name === until);
  if (end < 0) throw new Error(`--until ${until}: no such step in this pipeline (steps: ${steps.map((s) => s.name).join(', ')})`);
  return steps.slice(0, end + 1);
}

/**
 * Runs `steps` in order on a fresh state. A step that stops — or throws, which counts as
 * stopping with the error's message — ends the run there; nothing after it runs.
 */
export async function runPipeline(steps: readonly Step[], options: RunOptions = {}, state: PipelineState = {}): Promise<PipelineOutcome> {
  const log = options.log ?? ((line: string) => console.log(line));
  const chosen = selectSteps(steps, options.until);
  const ran: PipelineOutcome['ran'] = [];
  if (options.dryRun) {
    log('plan (--dry-run: nothing runs):');
    chosen.forEach((s, i) => log(`  ${i + 1}. ${s.name.padEnd(8)} ${s.plan()}`));
    return { kind: 'planned', ran, state };
  }
  for (const [i, step] of chosen.entries()) {
    options.onStep?.(step.name);
    log(`[${i + 1}/${chosen.length}] ${step.name}: ${step.plan()}`);
    const began = Date.now();
    const indent = (line: string): void => log(`      ${line}`);
    const result = await step.run(state, indent).catch((err: unknown): StepResult => ({ kind: 'stopped', reason: message(err) }));
    const seconds = (Date.now() - began) / 1000;
    ran.push({ name: step.name, result, seconds });
    for (const figure of result.figures ?? []) indent(figure);
    if (result.kind === 'stopped') {
      log(`  ✗ ${step.name} stopped the pipeline (${seconds.toFixed(1)} s): ${result.reason}`);
      return { kind: 'stopped', ran, state, stoppedAt: { name: step.name, reason: result.reason } };
    }
    log(`  ✓ ${step.name} (${seconds.toFixed(1)} s): ${result.summary}`);
  }
  return { kind: 'completed', ran, state };
}

/** The state's field a step needs, or an error naming the step that should have set it. */
export function need<K extends keyof PipelineState>(state: PipelineState, key: K, from: StepName): NonNullable<PipelineState[K]> {
  const value = state[key];
  if (value === undefined || value === null) throw new Error(`no ${key} yet: the ${from} step sets it, and must run first`);
  return value as NonNullable<PipelineState[K]>;
}
