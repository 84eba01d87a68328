/**
 * `npm run pipeline`: CI/CD for the spam model. served → train → evaluate → gate → image →
 * smoke → canary → watch → decide, each step printed with its outcome and figures; the first
 * step that fails stops the run with its reason and exit status 1. See deploy/swarm/README.md.
 */
import { existsSync } from 'node:fs';
import { ensureDatasets } from '../datasets/read';
import { UsageError } from '../grading/lib/usage';
import { parsePipelineArgs, PIPELINE_USAGE } from './pipeline/args';
import { pipelineSteps } from './pipeline/steps';
import { runPipeline } from './pipeline/step';

async function main(): Promise<void> {
  const args = parsePipelineArgs(process.argv.slice(2));
  if (args.help) return console.log(PIPELINE_USAGE);
  const steps = pipelineSteps(args);
  // The default holdout is the dataset build's; build it once rather than fail on it later.
  if (!args.dryRun && !existsSync(args.holdout)) await ensureDatasets({ log: (l) => console.log(l) });
  const outcome = await runPipeline(steps, { dryRun: args.dryRun, until: args.until });
  if (outcome.kind === 'stopped') {
    console.error(`npm run pipeline: stopped at ${outcome.stoppedAt?.name}: ${outcome.stoppedAt?.reason}`);
    process.exitCode = 1;
  } else if (outcome.kind === 'completed') {
    const last = outcome.ran[outcome.ran.length - 1];
    console.log(
      `pipeline ${args.until ? `ran until ${args.until}` : 'completed'}: ${outcome.ran.length} steps in ${outcome.ran.reduce((s, r) => s + r.seconds, 0).toFixed(1)} s${last ? ` (last: ${last.name})` : ''}`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(`npm run pipeline: ${e instanceof Error ? e.message : String(e)}`);
  if (e instanceof UsageError) console.error(PIPELINE_USAGE);
  process.exitCode = 1;
});
