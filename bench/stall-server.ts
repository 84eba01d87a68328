/**
 * The service `npm run bench -- stall` measures: the reference service of the checkout at
 * `argv[2]` (default: this one) on its committed model, with the event loop's delay and the
 * process's CPU time measured inside the process and reported to the parent over IPC.
 * Messages: "start" (reset both; acknowledged), "stop" (reply with the figures since "start"), "exit".
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as path from 'node:path';

export interface StallFigures {
  /** Longest the event loop was held, in milliseconds (timer delay at 1 ms resolution). */
  maxDelayMs: number;
  /** User + system CPU time of the whole process, in milliseconds. */
  cpuMs: number;
  /**
   * Most CPU time spent between two ticks of a 1 ms timer, in milliseconds: how long the
   * longest run of work held the loop, without the time a busy machine kept the process waiting.
   */
  maxTickCpuMs: number;
}

const cpuMsNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

type Start = (env: Record<string, string>, options: { processMetrics: boolean }) => Promise<{ url: string; close(): Promise<void> }>;

async function main(): Promise<void> {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));
  // A path computed at run time on purpose: the checkout measured may be an older one.
  const { startService } = require(path.join(root, 'solutions', 'service', 'main.ts')) as { startService: Start };
  const env = { PORT: '0', HOST: '127.0.0.1', PREDICTION_LOG: ':memory:', LOG_LEVEL: 'silent', MODELS_DIR: path.join(root, 'models') };
  const service = await startService(env, { processMetrics: false });
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  let started = cpuMsNow();
  let lastTick = started;
  let maxTickCpuMs = 0;
  const sample = (): void => {
    const now = cpuMsNow();
    maxTickCpuMs = Math.max(maxTickCpuMs, now - lastTick);
    lastTick = now;
  };
  setInterval(sample, 1).unref();
  process.on('message', (message) => {
    if (message === 'start') {
      delay.reset();
      started = lastTick = cpuMsNow();
      maxTickCpuMs = 0;
      process.send?.({ maxDelayMs: 0, cpuMs: 0, maxTickCpuMs: 0 });
    } else if (message === 'stop') {
      // A block that ended just before this message has not been sampled yet.
      sample();
      const figures: StallFigures = { maxDelayMs: delay.max / 1e6, cpuMs: cpuMsNow() - started, maxTickCpuMs };
      process.send?.(figures);
    } else if (message === 'exit') {
      void service.close().then(() => process.exit(0));
    }
  });
  process.send?.({ url: service.url });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
