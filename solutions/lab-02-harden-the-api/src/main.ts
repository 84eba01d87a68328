/**
 * Lab 02's service as a process of its own, started the way the service ships: the template's
 * `launch` (port, limits and shutdown times from the environment) and `runMain`, so SIGTERM
 * turns readiness to 503, lets in-flight requests finish and exits 0. Given: nothing to write.
 *
 *   npx tsx labs/lab-02-harden-the-api/src/main.ts      then http://127.0.0.1:3000
 *
 * The template drains on SIGTERM by itself; a `process.on('SIGTERM', …)` or `process.exit` of
 * your own would cut the requests it is finishing. The hidden shutdown check runs this file
 * through `startLabProcess` / `stopLabProcess` below (on a unix socket: its sandbox has no network).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { launch, runMain, type ServiceHandle } from '../../../server-template/src/bootstrap';
import { loadConfig, type Config } from '../../../server-template/src/config';
import { createLabService } from './app';

/**
 * Start the lab's service as configured by `env` (PORT, HOST, DRAIN_DELAY_MS, …); with
 * `LAB_SOCKET` set, it listens on that unix socket instead of a port.
 */
export async function startLab(env: Record<string, string | undefined> = process.env): Promise<ServiceHandle> {
  const config = loadConfig(env);
  const socket = env['LAB_SOCKET'];
  // node's listen() takes a unix socket path in the port's place.
  const listenOn: Config = socket ? { ...config, port: socket as unknown as number } : config;
  const { deps, routes } = await createLabService(config);
  return launch(listenOn, deps, { routes });
}

if (require.main === module) {
  runMain(
    () => startLab(),
    () => loadConfig().shutdownTimeoutMs,
  );
}

/** How a process started by `startLabProcess` ended. */
export interface LabExit {
  /** Exit code; null when a signal ended it, or when it outran the bound and was killed. */
  code: number | null;
  signal: string | null;
  /** Milliseconds from SIGTERM to the exit (or to the kill). */
  afterMs: number;
  /** Still running at the bound, so it was killed. */
  killed: boolean;
}

interface LabProcess {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: string | null }>;
  stderr: () => string;
}

let running: LabProcess | undefined;
let started = 0;

const sleep = (ms: number): Promise<'waited'> => new Promise((resolve) => setTimeout(() => resolve('waited'), ms));

/**
 * For the graders: runs this file as a child process with `env` added, listening on a unix
 * socket in TMPDIR; resolves to the socket's path once it listens.
 */
export async function startLabProcess(env: Record<string, string> = {}, startMs = 20_000): Promise<string> {
  started += 1;
  const socket = path.join(process.env['TMPDIR'] ?? tmpdir(), `lab-02-service-${started}.sock`);
  const child = spawn(process.execPath, [...process.execArgv, __filename], {
    env: { ...process.env, ...env, LAB_SOCKET: socket },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-2_000)));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  running = { child, exited, stderr: () => stderr };
  const deadline = Date.now() + startMs;
  while (!existsSync(socket)) {
    const end = await Promise.race([exited, sleep(50)]);
    if (end !== 'waited')
      throw new Error(`the service exited (code ${end.code}, signal ${end.signal}) before it listened: ${stderr.trim().slice(-600)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the service did not listen within ${startMs} ms: ${stderr.trim().slice(-600)}`);
    }
  }
  return socket;
}

/**
 * For the graders: sends SIGTERM to the process `startLabProcess` started and resolves once it
 * exits, or after `boundMs` with it killed.
 */
export async function stopLabProcess(boundMs: number): Promise<LabExit> {
  const run = running;
  if (!run) throw new Error('startLabProcess() was not called');
  running = undefined;
  const began = Date.now();
  run.child.kill('SIGTERM');
  const end = await Promise.race([run.exited, sleep(boundMs)]);
  if (end !== 'waited') return { ...end, afterMs: Date.now() - began, killed: false };
  run.child.kill('SIGKILL');
  return { code: null, signal: null, afterMs: Date.now() - began, killed: true };
}
