/**
 * What the built image and its running container really hold and do, asked of Docker rather
 * than read from the Dockerfile: a final stage that starts FROM the build stage, or copies its
 * node_modules, passes every reading of the text but ships the compilers and dev packages; a
 * HEALTHCHECK on the wrong port names /health but never turns healthy. Used by image.grader.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { docker } from '../../../grading/harness/docker';
import { REPO_ROOT } from '../../../grading/harness/repo-root';
import { LIMITS } from './image';

/** Programs only a build needs. */
const COMPILERS = ['g++', 'gcc', 'cc', 'make'];

/** The repository's dev packages (package.json `devDependencies`). */
export function devPackageNames(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  return Object.keys(pkg.devDependencies ?? {}).sort();
}

/**
 * Run by node inside the container, in its working directory: prints the dev packages that
 * node's own lookup from there finds, and the compilers on PATH, as JSON.
 */
const PROBE = `
const fs = require('fs'), path = require('path');
const dirs = require('module')._nodeModulePaths(process.cwd());
const packages = JSON.parse(process.argv[1]).filter((p) => dirs.some((d) => fs.existsSync(path.join(d, p, 'package.json'))));
const compilers = JSON.parse(process.argv[2]).filter((c) => (process.env.PATH || '').split(':').some((d) => d && fs.existsSync(path.join(d, c))));
console.log(JSON.stringify({ packages, compilers }));
`;

/** What a build left in the image: dev packages the service's node would load, compilers. */
export interface Leftovers {
  packages: string[];
  compilers: string[];
}

/** Asks the running container `id` which dev packages and compilers it holds. */
export async function buildLeftovers(id: string, devPackages = devPackageNames()): Promise<Leftovers> {
  const out = await docker(['exec', id, 'node', '-e', PROBE, JSON.stringify(devPackages), JSON.stringify(COMPILERS)], LIMITS.request);
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Leftovers;
}

/** The problems with what the image holds, worded for the learner (empty when it is clean). */
export function leftoverProblems({ packages, compilers }: Leftovers): string[] {
  const problems: string[] = [];
  if (packages.length > 0)
    problems.push(
      `node in the container finds dev packages from its working directory: ${packages.join(', ')} — copy the production node_modules (npm install --omit=dev), not the build stage's`,
    );
  if (compilers.length > 0)
    problems.push(
      `the image has build tools on PATH: ${compilers.join(', ')} — does the final stage start FROM the pinned image rather than FROM the build stage?`,
    );
  return problems;
}

/** The container's health as Docker's own HEALTHCHECK reports it. */
export interface Health {
  /** `healthy`, `unhealthy`, `starting`, or `none` when the image declares no HEALTHCHECK. */
  status: string;
  /** What the last probe printed, shortened. */
  lastOutput: string;
}

/** Reads the health Docker records for container `id`. */
export async function health(id: string): Promise<Health> {
  const raw = (await docker(['inspect', '--format', '{{json .State.Health}}', id], LIMITS.request)).trim();
  const h =
    raw === 'null' || raw === '' ? undefined : (JSON.parse(raw) as { Status?: string; Log?: { Output?: string; ExitCode?: number }[] });
  if (!h) return { status: 'none', lastOutput: '' };
  const last = h.Log?.[h.Log.length - 1];
  const lastOutput = last
    ? `exit code ${last.ExitCode}${last.Output?.trim() ? `: ${last.Output.trim().slice(0, 200)}` : ''}`
    : 'no probe ran yet';
  return { status: h.Status ?? 'none', lastOutput };
}

/**
 * Waits until Docker reports container `id` healthy, at most until `deadline` (ms since the
 * epoch); resolves to the health last seen.
 */
export async function waitHealthy(id: string, deadline: number): Promise<Health> {
  let seen = await health(id);
  while (seen.status === 'starting' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1_000));
    seen = await health(id);
  }
  return seen;
}

/** The problem with the health seen, worded for the learner (empty when healthy). */
export function healthProblems(seen: Health, waitedMs: number): string[] {
  if (seen.status === 'healthy') return [];
  if (seen.status === 'none') return ['the image declares no HEALTHCHECK, so Docker never knows whether the service is up'];
  return [
    `Docker reports the container "${seen.status}" after ${Math.round(waitedMs / 1000)} s (last probe: ${seen.lastOutput}): does the HEALTHCHECK call the port the service listens on (PORT, 3000) and /health/ready, and run its first probe within 30 s?`,
  ];
}
