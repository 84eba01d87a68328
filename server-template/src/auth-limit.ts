/**
 * A per-client budget of failed admin authentications: past it, the client is refused with 429
 * until its window ends, whatever token it sends (else an attacker would keep guessing and learn
 * from the one answer that is not a 429).
 */
export interface FailureLimitOptions {
  /** Failures allowed per client per window (default 10). */
  maxFailures?: number;
  /** Window length in milliseconds (default 60 s). */
  windowMs?: number;
  /** Clients remembered at most; the oldest is forgotten first (default 10,000). */
  maxClients?: number;
  now?: () => number;
}

interface Entry {
  failures: number;
  windowStart: number;
}

export class FailureLimiter {
  private readonly clients = new Map<string, Entry>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly maxClients: number;
  private readonly now: () => number;

  constructor(options: FailureLimitOptions = {}) {
    this.maxFailures = options.maxFailures ?? 10;
    this.windowMs = options.windowMs ?? 60_000;
    this.maxClients = options.maxClients ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** @returns milliseconds until `client` may try again, or 0 when it may now */
  retryAfterMs(client: string): number {
    const entry = this.clients.get(client);
    if (!entry || entry.failures < this.maxFailures) return 0;
    return Math.max(0, entry.windowStart + this.windowMs - this.now());
  }

  recordFailure(client: string): void {
    const now = this.now();
    let entry = this.clients.get(client);
    if (!entry || now - entry.windowStart >= this.windowMs) {
      // Re-inserted, so the Map's order stays oldest window first.
      this.clients.delete(client);
      entry = { failures: 0, windowStart: now };
      this.clients.set(client, entry);
      this.evict();
    }
    entry.failures += 1;
  }

  /** Clients remembered now (for tests: memory stays bounded). */
  get size(): number {
    return this.clients.size;
  }

  private evict(): void {
    while (this.clients.size > this.maxClients) {
      const oldest = this.clients.keys().next().value as string;
      this.clients.delete(oldest);
    }
  }
}
