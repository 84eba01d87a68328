import { createServer } from 'node:net';

/** A TCP port that was free on 127.0.0.1 a moment ago (for programs that need a number up front). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Calls `probe` until it returns a value other than `undefined`, at most `attempts` times,
 * `intervalMs` apart; throws naming `what` when it never does.
 */
export async function poll<T>(what: string, probe: () => Promise<T | undefined>, attempts = 60, intervalMs = 500): Promise<T> {
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  throw new Error(`gave up waiting for ${what} after ${attempts} attempts${detail}`);
}
