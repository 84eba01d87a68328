/**
 * The template on its own: infrastructure done, every lab's part a hole that answers 501 with
 * the lab to do. `npx tsx server-template/src/main.ts`, then open http://127.0.0.1:3000.
 */
import { launch, runMain, type ServiceHandle } from './bootstrap';
import { loadConfig } from './config';
import { holeDeps } from './holes';

/** Start the template with every hole open. */
export function startTemplate(env: Record<string, string | undefined> = process.env): Promise<ServiceHandle> {
  return launch(loadConfig(env), holeDeps());
}

if (require.main === module) {
  runMain(
    () => startTemplate(),
    () => loadConfig().shutdownTimeoutMs,
  );
}
