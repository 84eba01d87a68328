/**
 * Docker Swarm for tests: a one-node swarm on 127.0.0.1, the stack in deploy/swarm/stack.yml,
 * and the load balancer as a plain container on the stack's network (Swarm can publish a port
 * only on every address; a plain container can publish on 127.0.0.1 alone).
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { docker } from '../../grading/harness/docker';
import { REPO_ROOT } from '../../grading/harness/repo-root';
import { poll } from './net';

const run = promisify(execFile);

export const STACK_FILE = path.join(REPO_ROOT, 'deploy', 'swarm', 'stack.yml');

/** `inactive`, `active`, `pending`, … */
export async function swarmState(): Promise<string> {
  return (await docker(['info', '--format', '{{.Swarm.LocalNodeState}}'])).trim();
}

/** A one-node swarm advertising 127.0.0.1 (no other machine can join it). */
export async function joinSwarm(): Promise<void> {
  if ((await swarmState()) !== 'active') await docker(['swarm', 'init', '--advertise-addr', '127.0.0.1']);
}

export async function leaveSwarm(): Promise<void> {
  if ((await swarmState()) !== 'inactive') await docker(['swarm', 'leave', '--force']);
}

/** `docker stack deploy` with `env` for the stack file's variables; local images, no registry. */
export async function deployStack(stack: string, env: Record<string, string>): Promise<void> {
  await run('docker', ['stack', 'deploy', '--resolve-image', 'never', '--prune', '-c', STACK_FILE, stack], {
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
}

export interface UpdateStatus {
  State?: string;
  Message?: string;
  StartedAt?: string;
}

/** The update status of a service (`updating`, `completed`, `rollback_completed`, …), or undefined before any update. */
export async function updateState(service: string): Promise<UpdateStatus | undefined> {
  const json = (await docker(['service', 'inspect', '--format', '{{json .UpdateStatus}}', service])).trim();
  return json === 'null' || json === '' ? undefined : (JSON.parse(json) as UpdateStatus);
}

/**
 * Waits until an update that started after `since` (ms since the epoch) reaches one of
 * `states` — not the previous update's final state, which the service reports until then.
 */
export async function waitForUpdate(service: string, since: number, states: string[], seconds: number): Promise<string> {
  return poll(
    `${service} update to reach ${states.join(' or ')}`,
    async () => {
      const status = await updateState(service);
      const fresh = status?.StartedAt !== undefined && Date.parse(status.StartedAt) >= since - 1_000;
      return fresh && status?.State !== undefined && states.includes(status.State) ? status.State : undefined;
    },
    seconds,
    1_000,
  );
}

/** Ids of the running containers of a service's tasks. */
export async function taskContainers(service: string): Promise<string[]> {
  const out = await docker(['ps', '-q', '--filter', `label=com.docker.swarm.service.name=${service}`, '--filter', 'status=running']);
  return out.split('\n').filter((id) => id !== '');
}

/** Health of each running container of a service (`healthy`, `starting`, …). */
export async function taskHealth(service: string): Promise<string[]> {
  const ids = await taskContainers(service);
  if (ids.length === 0) return [];
  const out = await docker(['inspect', '--format', '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}', ...ids]);
  return out.split('\n').filter((s) => s !== '');
}

/** Waits until exactly `replicas` containers of the service run and are healthy. */
export async function waitForHealthy(service: string, replicas: number, seconds: number): Promise<void> {
  await poll(
    `${replicas} healthy tasks of ${service}`,
    async () => {
      const health = await taskHealth(service);
      return health.length === replicas && health.every((h) => h === 'healthy' || h === 'none') ? true : undefined;
    },
    seconds,
    1_000,
  );
}

/** Removes the stack, then waits for its containers and network to go, then its volumes. */
export async function removeStack(stack: string): Promise<void> {
  await docker(['stack', 'rm', stack]).catch(() => undefined);
  await poll(
    `the containers of stack ${stack} to stop`,
    async () => {
      const left = await docker(['ps', '-aq', '--filter', `label=com.docker.stack.namespace=${stack}`]);
      if (left.trim() !== '') await docker(['rm', '-f', ...left.trim().split('\n')]).catch(() => undefined);
      return left.trim() === '' ? true : undefined;
    },
    60,
    1_000,
  ).catch(() => undefined);
  await poll(
    `the network of stack ${stack} to go`,
    async () => {
      const nets = (await docker(['network', 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${stack}`])).trim();
      if (nets !== '') await docker(['network', 'rm', ...nets.split('\n')]).catch(() => undefined);
      return nets === '' ? true : undefined;
    },
    30,
    1_000,
  ).catch(() => undefined);
  const volumes = (await docker(['volume', 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${stack}`]).catch(() => '')).trim();
  if (volumes !== '') await docker(['volume', 'rm', '-f', ...volumes.split('\n')]).catch(() => undefined);
}

/** Runs `node -e script` inside a container and returns what it printed (the images have node). */
export async function nodeIn(container: string, script: string): Promise<string> {
  return docker(['exec', container, 'node', '-e', script], 30_000);
}
