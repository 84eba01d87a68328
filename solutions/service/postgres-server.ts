/**
 * A throwaway PostgreSQL server for tests: a fresh cluster (`initdb`) in a temporary folder,
 * on 127.0.0.1 and a free port, with its socket in that folder too, run by an unprivileged
 * user (PostgreSQL refuses to run as root). Stop and start it mid-test to play an outage.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { createServer } from 'node:net';

const run = promisify(execFile);

/** A port free on 127.0.0.1 a moment ago (PostgreSQL needs the number before it starts). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Debian puts the server programs under /usr/lib/postgresql/<major>/bin, off PATH. */
export function postgresBinDir(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir !== '' && existsSync(path.join(dir, 'pg_ctl')) && existsSync(path.join(dir, 'initdb'))) return dir;
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return majors.length > 0 ? path.join(root, majors[0], 'bin') : undefined;
}

/** Why no throwaway server can run here, or undefined when one can. */
export function postgresUnavailable(): string | undefined {
  return postgresBinDir() ? undefined : 'initdb and pg_ctl are neither on PATH nor under /usr/lib/postgresql';
}

/** The uid/gid to run the server as: ours, unless we are root; then the `postgres` user (or nobody). */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      return { uid, gid };
    } catch {
      // Try the next one.
    }
  }
  throw new Error('running as root and found neither a postgres nor a nobody user to run PostgreSQL as');
}

export interface ThrowawayPostgres {
  /** `postgres://…@127.0.0.1:<port>/postgres` */
  url: string;
  port: number;
  /** Stop the server at once (an outage); the data stays. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stop it and delete the cluster. */
  dispose(): Promise<void>;
}

/** initdb + pg_ctl start; resolves once the server accepts connections. */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(postgresUnavailable());
  const dir = mkdtempSync(path.join(tmpdir(), 'pg-test-'));
  const data = path.join(dir, 'data');
  const user = serverUser();
  if (user) chownSync(dir, user.uid, user.gid);
  chmodSync(dir, 0o700);
  const port = await freePort();
  const as = { ...user, timeout: 60_000, env: { ...process.env, LC_ALL: 'C' } };
  // trust on the loopback only: a test cluster that lives for seconds, reachable from this machine alone.
  await run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], as);
  writeFileSync(
    path.join(data, 'postgresql.auto.conf'),
    `listen_addresses = '127.0.0.1'\nport = ${port}\nunix_socket_directories = '${dir}'\nfsync = off\n`,
  );
  const pgCtl = (args: string[]): Promise<unknown> => run(path.join(bin, 'pg_ctl'), ['-D', data, ...args], as);
  const start = async (): Promise<void> => {
    await pgCtl(['-l', path.join(dir, 'server.log'), '-w', '-t', '30', 'start']);
  };
  const stop = async (): Promise<void> => {
    await pgCtl(['-m', 'immediate', '-w', 'stop']);
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop,
    start,
    async dispose() {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
