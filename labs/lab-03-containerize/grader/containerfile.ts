/**
 * Static checks of a Dockerfile, a .dockerignore and a compose file, on their text: nothing is
 * built or run. Each function returns the problems it found (empty when the file passes), worded
 * for the learner.
 */
import { argsOf, parseDockerfile, type Stage } from '../../../grading/harness/dockerfile';

const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY)/i;

/** The stages of `text`; throws when there is no FROM, so every check fails on an empty file. */
export function stagesOf(text: string | undefined): Stage[] {
  if (text === undefined) throw new Error('the Dockerfile is missing');
  const stages = parseDockerfile(text);
  if (stages.length === 0) throw new Error('the Dockerfile has no FROM instruction yet');
  return stages;
}

const finalStage = (stages: Stage[]): Stage => stages[stages.length - 1];
const stageNames = (stages: Stage[]): Set<string> => new Set(stages.flatMap((s) => (s.name ? [s.name.toLowerCase()] : [])));

/** Every FROM names an image with a pinned tag (or digest), never `latest`; the final one is Node. */
export function baseImageProblems(stages: Stage[]): string[] {
  const names = stageNames(stages);
  const problems: string[] = [];
  for (const s of stages) {
    if (names.has(s.image.toLowerCase())) continue;
    const tag = s.image.includes('@') ? 'digest' : /:([^/]+)$/.exec(s.image)?.[1];
    if (!tag) problems.push(`FROM ${s.image} has no tag: pin one (node:20-bookworm-slim)`);
    else if (tag === 'latest') problems.push(`FROM ${s.image} uses "latest", which changes under you: pin a version`);
  }
  const last = finalStage(stages).image.toLowerCase();
  if (!names.has(last) && !/(^|\/)node[:@]/.test(last)) problems.push(`the final stage runs FROM ${last}, not a Node image`);
  return problems;
}

/** The final stage switches to a user that is not root. */
export function rootProblems(stages: Stage[]): string[] {
  const users = argsOf(finalStage(stages), 'USER');
  if (users.length === 0) return ['the final stage has no USER instruction, so the service runs as root'];
  const user = users[users.length - 1].split(':')[0].trim();
  return user === 'root' || user === '0' ? [`the last USER is ${user}`] : [];
}

const INSTALL = /\bnpm\s+(ci|install|i)\b/;
const PROD_ONLY = /--omit[= ]dev\b|--production\b|--only[= ]prod/;

/** The image holds production packages only: no full install in the final stage, and some install or prune omits dev packages. */
export function devDependencyProblems(stages: Stage[]): string[] {
  const problems: string[] = [];
  for (const run of argsOf(finalStage(stages), 'RUN')) {
    for (const part of run.split(/&&|;/)) {
      if (INSTALL.test(part) && !PROD_ONLY.test(part))
        problems.push(`the final stage runs "${part.trim()}", which installs dev packages too`);
    }
  }
  const all = stages.flatMap((s) => argsOf(s, 'RUN')).join('\n');
  if (!PROD_ONLY.test(all))
    problems.push('no npm install, npm ci or npm prune with --omit=dev: the image carries the dev packages (compilers, test tools)');
  return problems;
}

/** The final stage declares a HEALTHCHECK that calls a /health endpoint. */
export function healthcheckProblems(stages: Stage[]): string[] {
  const checks = argsOf(finalStage(stages), 'HEALTHCHECK');
  if (checks.length === 0) return ['the final stage has no HEALTHCHECK'];
  const last = checks[checks.length - 1];
  if (/^NONE\b/i.test(last)) return ['HEALTHCHECK NONE turns the health check off'];
  return /\/health/.test(last) ? [] : ['the HEALTHCHECK does not call /health/ready (or /health/live)'];
}

/** `A=1 B="x y"` → [[A, 1], [B, x y]]; the legacy `ENV NAME value` form → [[NAME, value]]. */
function definitions(args: string): Array<[string, string]> {
  const pairs = [...args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S*)/g)];
  if (pairs.length > 0) return pairs.map((m) => [m[1], m[2].replace(/^["']|["']$/g, '')]);
  const [name, ...rest] = args.trim().split(/\s+/);
  return [[name ?? '', rest.join(' ')]];
}

/** No secret-looking ENV or ARG with a value, and no secret files copied in. */
export function secretProblems(stages: Stage[]): string[] {
  const problems: string[] = [];
  for (const s of stages) {
    for (const i of s.instructions) {
      if ((i.keyword === 'COPY' || i.keyword === 'ADD') && /(^|\s|\/)\.env\b|\.pem\b|id_rsa/.test(i.args)) {
        problems.push(`${i.keyword} ${i.args} copies a secret file into the image`);
      }
      if (i.keyword !== 'ENV' && i.keyword !== 'ARG') continue;
      for (const [name, value] of definitions(i.args)) {
        if (SECRET_NAME.test(name) && value !== '') {
          problems.push(
            `${i.keyword} ${name}=… puts a secret in the image: pass it at run time (docker run -e, compose environment or secrets)`,
          );
        }
      }
    }
  }
  return problems;
}

/** The final stage starts the process in exec form (JSON array), so SIGTERM reaches node. */
export function execFormProblems(stages: Stage[]): string[] {
  const last = finalStage(stages);
  const start = [...argsOf(last, 'ENTRYPOINT'), ...argsOf(last, 'CMD')];
  if (argsOf(last, 'CMD').length === 0 && argsOf(last, 'ENTRYPOINT').length === 0) return ['the final stage has no CMD'];
  const problems = start
    .filter((a) => !a.trim().startsWith('['))
    .map((a) => `"${a}" is shell form: /bin/sh becomes PID 1 and node never sees SIGTERM`);
  if (start.some((a) => /\bnpm\b/.test(a))) problems.push('npm as the start command does not forward SIGTERM: run node directly');
  return problems;
}

/** The lines of a .dockerignore, without comments and blanks, normalized (`/x/` → `x`). */
export function ignoreEntries(text: string | undefined): string[] {
  if (text === undefined) throw new Error('.dockerignore is missing');
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('!'))
    .map((l) => l.replace(/^\/+|\/+$/g, '').replace(/^\*\*\//, ''));
}

/** Which of `wanted` the .dockerignore does not exclude. */
export function missingIgnores(entries: string[], wanted: string[]): string[] {
  return wanted.filter((w) => !entries.includes(w) && !entries.includes(`${w}/**`) && !entries.includes('*'));
}
