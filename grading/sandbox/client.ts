/**
 * The grader's handle on a running submission: starts the worker in its sandbox, sends
 * calls, enforces per-call time limits and the memory limit, and records what went wrong
 * (timeouts, crashes) so the run gets the right status.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { rssOfPid, rssOfUid } from './memory';
import { decode, encode, type Response } from './protocol';
import { isRoot, killSlot, sandboxUid, type SandboxSpec, workerCommand } from './isolation';

/** Something the submission did that decides the run's status. */
export interface Incident {
  kind: 'timeout' | 'crashed';
  detail: string;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

/** Raised into a check when the submission misbehaved (not an assertion about its answer). */
/**
 * Why a submission's process did not start. As root the sandbox needs Linux namespaces
 * (`unshare`) and, for notebooks, `ip` (Debian's iproute2): a container without the privileges
 * for the one, or a slim image without the other, fails here for every submission alike.
 */
export function startFailure(detail: string | undefined, stderr: string): string {
  const printed = stderr.trim().split('\n').slice(-5).join('\n');
  const base = `the submission's process did not start (${detail ?? 'no reason given'})${printed ? `; it printed:\n${printed}` : ''}`;
  if (/unshare failed|Operation not permitted/.test(stderr))
    return `${base}\nGrading as root runs each submission in its own namespaces (unshare), which this machine refuses. In a container, give it the capabilities SYS_ADMIN and NET_ADMIN (docker run --cap-add SYS_ADMIN --cap-add NET_ADMIN --security-opt seccomp=unconfined), or run the grader as a normal user.`;
  if (/\bip: not found|ip: command not found/.test(stderr))
    return `${base}\nGrading as root brings up the sandbox's loopback with ip: install it (Debian: sudo apt-get install iproute2).`;
  return base;
}

export class SandboxError extends Error {
  override name = 'SandboxError';
}

export class Sandbox {
  readonly incidents: Incident[] = [];
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private stderr = '';
  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    private readonly spec: SandboxSpec,
    private readonly callTimeoutMs: number,
  ) {}

  /**
   * The staged root's `labs/` folder: the submission's own folder beside the other labs' files
   * staged for it (`builds_on`, `learner_labs`), as graders read it (lab 03 builds its image from it).
   */
  get stagedLabsDir(): string {
    return path.join(this.spec.rootDir, 'labs');
  }

  /**
   * The submission's writable scratch folder (its HOME and TMPDIR): a path the submission hands
   * back is one the checks may write beside only when it lies in here.
   */
  get scratchDir(): string {
    return this.spec.tmpDir;
  }

  /** The last few KiB the submission printed (its console output goes here). */
  get output(): string {
    return this.stderr;
  }

  /** Calls `fn` exported by the learner's `file` with JSON-able `args`; resolves to its result. */
  async call(file: string, fn: string, args: unknown[] = [], timeoutMs = this.callTimeoutMs): Promise<unknown> {
    return this.request({ op: 'call', file, fn, args }, timeoutMs);
  }

  /**
   * The text of a submitted file that is not code (a Dockerfile, YAML), read by the grader
   * without running anything; `undefined` when it is missing. Links and files outside the
   * submission are refused, and big files are cut at `maxBytes`.
   */
  readText(file: string, maxBytes = 1 << 20): string | undefined {
    const abs = path.resolve(this.spec.labDir, file);
    if (path.relative(this.spec.labDir, abs).startsWith('..')) throw new SandboxError(`${file} is outside the submission`);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(abs);
    } catch {
      return undefined;
    }
    if (!st.isFile()) throw new SandboxError(`${file} is not a regular file`);
    const fd = fs.openSync(abs, 'r');
    try {
      const buf = Buffer.alloc(Math.min(st.size, maxBytes));
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      return buf.subarray(0, n).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Starts the app returned by `fn(...args)` on a unix socket; resolves to the socket path. */
  async serve(file: string, fn: string, args: unknown[] = [], timeoutMs = this.callTimeoutMs): Promise<string> {
    return (await this.request({ op: 'serve', file, fn, args }, timeoutMs)) as string;
  }

  private async request(body: { op: 'call' | 'serve'; file: string; fn: string; args: unknown[] }, timeoutMs: number): Promise<unknown> {
    // A submission that keeps hanging or dying would otherwise cost a restart per check.
    const timeouts = this.incidents.filter((i) => i.kind === 'timeout').length;
    const crashes = this.incidents.filter((i) => i.kind === 'crashed').length;
    if (timeouts >= 2 || crashes >= 3)
      throw new SandboxError(`not run: the submission stopped too often (${this.incidents[this.incidents.length - 1]?.detail})`);
    const child = await this.ensure(timeoutMs);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.incident('timeout', `${body.fn}() in ${body.file} did not finish within ${timeoutMs} ms`);
        this.kill();
      }, timeoutMs);
      const done =
        <T>(f: (x: T) => void) =>
        (x: T) => {
          clearTimeout(timer);
          this.pending.delete(id);
          f(x);
        };
      this.pending.set(id, { resolve: done(resolve), reject: done(reject) });
      child.stdin?.write(`${encode({ id, ...body })}\n`);
    });
  }

  private ensure(timeoutMs: number): Promise<ChildProcess> {
    if (!this.ready || !this.child) this.ready = this.start(timeoutMs);
    return this.ready.then(() => {
      // The worker exited before it said it was ready: say why, in the words it printed.
      if (!this.child) throw new SandboxError(startFailure(this.incidents[this.incidents.length - 1]?.detail, this.stderr));
      return this.child;
    });
  }

  private start(timeoutMs: number): Promise<void> {
    const [cmd, ...args] = workerCommand(this.spec);
    const nonce = randomBytes(16).toString('hex');
    const child = spawn(cmd as string, args, { cwd: this.spec.labDir, stdio: ['pipe', 'pipe', 'pipe'], detached: !isRoot() });
    this.child = child;
    child.stderr?.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString('utf8')).slice(-4096)));
    child.stdin?.on('error', () => undefined);
    const started = new Promise<void>((resolve) => this.pending.set(0, { resolve: () => resolve(), reject: () => resolve() }));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => this.onLine(nonce, line));
    child.on('exit', (code, signal) => this.onExit(child, code, signal));
    child.on('error', (e) => this.onExit(child, null, null, e.message));
    child.stdin?.write(`${nonce}\n`);
    this.watchdog = setInterval(() => this.checkMemory(child), 200);
    const limit = setTimeout(
      () => {
        this.incident('timeout', `the submission did not start within ${timeoutMs} ms`);
        this.kill();
      },
      Math.max(timeoutMs, 15000),
    );
    return started.finally(() => clearTimeout(limit));
  }

  private onLine(nonce: string, line: string): void {
    if (!line.startsWith(`${nonce} `)) return;
    const res = decode(line.slice(nonce.length + 1)) as Response | undefined;
    const p = res && this.pending.get(res.id);
    if (!res || !p) return;
    if (res.ok) p.resolve(res.value);
    else p.reject(new SandboxError(res.error));
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null, err?: string): void {
    if (child !== this.child) return;
    clearInterval(this.watchdog);
    this.child = undefined;
    this.ready = undefined;
    const why =
      err ??
      (signal
        ? `was killed by ${signal}`
        : code === 137
          ? 'was killed (exit code 137: usually its memory limit)'
          : `exited with code ${code}`);
    if (!this.killedOnPurpose) this.incident('crashed', `the submission's process ${why}`);
    this.killedOnPurpose = false;
    const last = this.incidents[this.incidents.length - 1];
    for (const [, p] of this.pending) p.reject(new SandboxError(last ? last.detail : 'the submission stopped'));
    this.pending.clear();
  }

  /** Set when the grader kills the worker itself (limit hit or end of run): not a crash. */
  private killedOnPurpose = false;

  private incident(kind: Incident['kind'], detail: string): void {
    this.incidents.push({ kind, detail });
  }

  private checkMemory(child: ChildProcess): void {
    const root = isRoot() && this.spec.isolation === 'process';
    const mb = root ? rssOfUid(sandboxUid(this.spec.slot)) : child.pid ? rssOfPid(child.pid) : 0;
    if (mb > this.spec.memoryMb + 256) {
      this.incident('crashed', `the submission used ${Math.round(mb)} MiB, over its ${this.spec.memoryMb} MiB limit`);
      this.kill();
    }
  }

  /** Stops the submission and everything it started. */
  kill(): void {
    const child = this.child;
    if (!child?.pid) return;
    this.killedOnPurpose = true;
    if (this.spec.isolation === 'docker') spawnSync('docker', ['rm', '-f', this.spec.name], { stdio: 'ignore', timeout: 20000 });
    if (this.spec.isolation === 'process') killSlot(this.spec.slot);
    try {
      process.kill(isRoot() || this.spec.isolation === 'docker' ? child.pid : -child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }

  /** Ends the run: no incident is recorded for this exit. */
  stop(): void {
    this.kill();
  }
}
