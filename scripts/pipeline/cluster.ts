/**
 * What the pipeline asks of the Swarm stack, as an interface (tests pass a fake), and its
 * implementation on the `docker` command line.
 *
 * The release state (which candidate, its counts) lives in each replica's memory, so the admin
 * routes are called on every replica, not through the load balancer (which would reach one).
 * They are called from inside each container (`docker exec`), on 127.0.0.1, with the token the
 * service itself was started with: no port is opened and the token never leaves the container.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { docker } from '../../grading/harness/docker';
import { updateState, waitForUpdate } from '../../deploy/support/swarm';

const run = promisify(execFile);

/** What one admin call answered. */
export interface AdminAnswer {
  status: number;
  body: unknown;
}

/** A change of the API service's spec: a rolling update. */
export interface ServiceChange {
  image?: string;
  envAdd?: Record<string, string>;
  envRm?: string[];
}

export interface Cluster {
  /** The API service's name, e.g. `spam_api`. */
  readonly service: string;
  /** The service's image, or undefined when the stack is not deployed. */
  image(): Promise<string | undefined>;
  /** Running replicas (container ids). */
  replicas(): Promise<string[]>;
  /** `GET|POST path` on one replica, from inside it, with its ADMIN_TOKEN. */
  call(replica: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<AdminAnswer>;
  /** Copies a folder out of a replica. */
  copyOut(replica: string, from: string, to: string): Promise<void>;
  /** Applies `change` as a rolling update; resolves to its final state (`completed`, `rollback_completed`, …) and message. */
  update(change: ServiceChange, seconds: number): Promise<{ state: string; message: string }>;
  /** Puts the previous spec back (`docker service rollback`), rolling; resolves to the final state. */
  rollback(seconds: number): Promise<{ state: string; message: string }>;
}

/**
 * Runs in the replica: one request to the service on 127.0.0.1 with the container's own token,
 * printing `{status, body}` as JSON. Method, path and body arrive as arguments, never as code.
 */
const CALL_SCRIPT = [
  'const [method, path, body] = process.argv.slice(1);',
  "const headers = { 'content-type': 'application/json' };",
  "if (process.env.ADMIN_TOKEN) headers.authorization = 'Bearer ' + process.env.ADMIN_TOKEN;",
  // fetch's own time limit does not keep Node running (and a connection closed before any answer
  // never settles): this referenced timer, within docker exec's 30 s, keeps it alive until it prints.
  "const limit = setTimeout(() => { console.log(JSON.stringify({ status: 0, body: { error: { message: 'no answer within 28 s' } } })); process.exit(0); }, 28000);",
  "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + path, { method, headers, body: body === '' ? undefined : body, signal: AbortSignal.timeout(27000) })",
  '  .then(async (r) => console.log(JSON.stringify({ status: r.status, body: await r.json().catch(() => null) })))',
  '  .catch((e) => { console.log(JSON.stringify({ status: 0, body: { error: { message: String(e) } } })); })',
  '  .finally(() => clearTimeout(limit));',
].join('\n');

const FINAL = ['completed', 'paused', 'rollback_completed', 'rollback_paused'];

/** The stack's API service through the `docker` CLI. */
export function dockerCluster(stack: string): Cluster {
  const service = `${stack}_api`;
  const finalState = async (since: number, seconds: number): Promise<{ state: string; message: string }> => {
    const state = await waitForUpdate(service, since, FINAL, seconds);
    return { state, message: (await updateState(service))?.Message ?? '' };
  };
  return {
    service,
    async image() {
      const out = await docker(['service', 'inspect', '--format', '{{.Spec.TaskTemplate.ContainerSpec.Image}}', service]).catch(
        () => undefined,
      );
      // Swarm may pin a digest after the tag; the tag is what a build starts FROM.
      return out?.trim().split('@')[0] || undefined;
    },
    async replicas() {
      // Tasks Swarm wants running: a replacement's predecessor, still draining, is not one.
      const tasks = (await docker(['service', 'ps', '-q', '--no-trunc', '--filter', 'desired-state=running', service]))
        .split('\n')
        .filter((id) => id !== '');
      if (tasks.length === 0) return [];
      const out = await docker(['inspect', '--format', '{{.Status.State}} {{.Status.ContainerStatus.ContainerID}}', ...tasks]);
      return out
        .split('\n')
        .map((line) => line.trim().split(' '))
        .filter(([state, id]) => state === 'running' && id !== undefined && id !== '')
        .map(([, id]) => id as string);
    },
    async call(replica, method, path, body) {
      const payload = body === undefined ? '' : JSON.stringify(body);
      const out = await docker(['exec', replica, 'node', '-e', CALL_SCRIPT, method, path, payload], 30_000);
      return JSON.parse(out.trim().split('\n').pop() ?? '') as AdminAnswer;
    },
    async copyOut(replica, from, to) {
      await docker(['cp', `${replica}:${from}`, to]);
    },
    async update(change, seconds) {
      const args = ['service', 'update', '--detach', '--no-resolve-image'];
      if (change.image !== undefined) args.push('--image', change.image);
      // `--env-add NAME` alone takes NAME's value from docker's own environment: a token stays off the command line.
      for (const k of Object.keys(change.envAdd ?? {})) args.push('--env-add', k);
      for (const k of change.envRm ?? []) args.push('--env-rm', k);
      const since = Date.now();
      await run('docker', [...args, service], { timeout: 60_000, env: { ...process.env, ...change.envAdd } });
      return finalState(since, seconds);
    },
    async rollback(seconds) {
      const since = Date.now();
      await run('docker', ['service', 'rollback', '--detach', service], { timeout: 60_000 });
      return finalState(since, seconds);
    },
  };
}
