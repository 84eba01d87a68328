/** The pipeline's steps, wired to the real trainer, Docker and the Swarm stack from the flags. */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from '../../grading/harness/repo-root';
import { DEFAULT_PROMOTION_RULE } from './release-rule';
import type { PipelineArgs } from './args';
import { dockerCluster, type Cluster } from './cluster';
import { dockerEngine, type Engine } from './engine';
import { imageStep, smokeStep } from './image-steps';
import { evaluateStep, gateStep, lazyHoldout, servedStep, trainStep, type Trainer } from './model-steps';
import { canaryStep, decideStep, watchStep } from './release-steps';
import type { Step } from './step';

/**
 * `npm run train` itself, as a child process: the pipeline's candidate is exactly what the
 * course's training command writes (same code, same data, same metadata).
 */
export const trainWithScript: Trainer = (version, out, log) =>
  new Promise((resolve, reject) => {
    const tsx = require.resolve('tsx/cli');
    const child = spawn(process.execPath, [tsx, path.join(REPO_ROOT, 'scripts', 'train.ts'), '--version', version, '--out', out], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const take = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      tail = (tail + text).slice(-2000);
      for (const line of text.split('\n')) if (line.trim() !== '') log(line);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm run train exited ${code}: ${tail.trim().split('\n').pop() ?? ''}`)),
    );
  });

export interface PipelineParts {
  cluster?: Cluster;
  engine?: Engine;
  train?: Trainer;
}

/** Every step, in order, for `args`; `parts` replaces the real trainer, engine or cluster. */
export function pipelineSteps(args: PipelineArgs, parts: PipelineParts = {}): Step[] {
  const cluster = parts.cluster ?? dockerCluster(args.stack);
  const engine = parts.engine ?? dockerEngine();
  const out = path.resolve(args.out);
  const holdout = lazyHoldout(args.holdout);
  const rule = { ...DEFAULT_PROMOTION_RULE, minSamples: args.minSamples };
  const updateSeconds = 300;
  return [
    servedStep({ cluster, models: args.models, scratch: out }),
    trainStep({ train: parts.train ?? trainWithScript, out, version: args.version }),
    evaluateStep({ holdout, holdoutFile: args.holdout }),
    gateStep({ holdout, seed: args.seed }),
    imageStep({ engine, baseImage: args.baseImage, holdoutFile: args.holdout }),
    smokeStep({ engine }),
    canaryStep({ cluster, settings: { share: args.share, rule, updateSeconds } }),
    watchStep({ cluster, settings: { rule, watchSeconds: args.watchSeconds, pollSeconds: args.pollSeconds } }),
    decideStep({ cluster, updateSeconds, stack: args.stack }),
  ];
}
