/**
 * `npm run pipeline`: CI/CD for the spam model. served → train → evaluate → gate → image →
 * smoke → canary → watch → decide, each step printed with its outcome and figures; the first
 * step that fails stops the run with its reason and exit status 1. See deploy/swarm/README.md.
 */
import { existsSync } from 'node:fs';
import { ensureDatasets } from '../datasets/read';
import { UsageError } from '../grading/lib/usage';
import { parsePipelineArgs, PIPELINE_USAGE } from './pipeline/args';
import { dockerEngine } from './pipeline/engine';
import { guardRun } from './pipeline/run-guard';
import { pipelineSteps } from './pipeline/steps';
import { runPipeline, selectSteps } from './pipeline/step';

async function main(): Promise<void> {
  const args = parsePipelineArgs(process.argv.slice(2));
  if (args.help) return console.log(PIPELINE_USAGE);
  const engine = dockerEngine();
  const steps = pipelineSteps(args, { engine });
  const expected = selectSteps(steps, args.until).map((s) => s.name);
  // The default holdout is the dataset build's; build it once rather than fail on it later.
  if (!args.dryRun && !existsSync(args.holdout)) await ensureDatasets({ log: (l) => console.log(l) });
  // Exit 0 only for a run that reached its outcome; a run cut short removes its smoke container.
  await guardRun({
    run: (onStep) => runPipeline(steps, { dryRun: args.dryRun, until: args.until, onStep }),
    expected,
    cleanup: () => engine.removeStarted(),
  });
}

main().catch((e: unknown) => {
  console.error(`npm run pipeline: ${e instanceof Error ? e.message : String(e)}`);
  if (e instanceof UsageError) console.error(PIPELINE_USAGE);
  process.exitCode = 1;
});
