/**
 * Tests that need a system component `npm ci && npm start` does not install (a Docker engine,
 * Chromium, Prometheus) call `requireSystem` in their `before` hook. Where the component is
 * missing they are reported pending, with the reason and the line that installs it; under
 * `CI=true` they fail instead, so a CI machine that lacks it can never skip them silently.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export interface SystemComponent {
  /** What it is, as a reader names it: "Chromium", "a Docker engine". */
  name: string;
  /** The command (or step) that installs it. */
  install: string;
  /** Why it cannot be used here, or undefined when it can. */
  missing(): string | undefined | Promise<string | undefined>;
}

/** The part of a Mocha context this needs (a fake in the helper's own tests). */
type Skippable = Pick<Mocha.Context, 'skip'>;

/**
 * Returns when `component` is usable. Otherwise marks the calling hook's tests pending (after
 * printing why and how to install it), or throws under `CI=true`.
 * @param context `this` of the calling `before` hook or test (a `function`, not an arrow)
 */
export async function requireSystem(context: Skippable, component: SystemComponent, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const reason = await component.missing();
  if (reason === undefined) return;
  const detail = `${component.name} is not available: ${reason}. Install it with: ${component.install}`;
  if (env.CI === 'true') throw new Error(`${detail}\n(CI=true: tests that need ${component.name} fail here instead of being skipped)`);
  console.log(`      pending: ${detail}`);
  context.skip();
}

/** True when `name` is a program on PATH. */
function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && existsSync(path.join(dir, name)));
}

/** A program found by name on PATH. */
export function program(name: string, install: string, what = name): SystemComponent {
  return { name: what, install, missing: () => (onPath(name) ? undefined : `${name} is not on PATH`) };
}

/** Chromium's path: `CHROMIUM_PATH`, else Debian's package location. */
/** Headless, no GPU, no network, no first-run chores: a page must render from its files alone. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export const CHROMIUM: SystemComponent = {
  name: 'Chromium',
  install: 'sudo apt-get install chromium (or set CHROMIUM_PATH to a Chromium or Chrome binary)',
  missing: () => (existsSync(chromiumPath()) ? undefined : `no browser at ${chromiumPath()}`),
};

export const DOCKER: SystemComponent = {
  name: 'a Docker engine',
  install: 'sudo apt-get install docker.io (or Docker Desktop), then start it so that docker info answers',
  missing: () =>
    new Promise((resolve) => {
      execFile('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 20_000 }, (error, _stdout, stderr) => {
        resolve(error ? `docker info failed: ${(String(stderr).trim() || error.message).split('\n')[0]}` : undefined);
      });
    }),
};

export const DOCKER_COMPOSE = program('docker-compose', 'sudo apt-get install docker-compose');
export const PROMETHEUS = program('prometheus', 'sudo apt-get install prometheus');
export const PROMTOOL = program('promtool', 'sudo apt-get install prometheus (promtool comes with it)');
