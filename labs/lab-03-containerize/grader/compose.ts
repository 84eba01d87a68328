/**
 * Static checks of the compose file on its text (key lines, not a full YAML parser): enough
 * for one service written in the usual block style.
 */

const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY)/i;

/** Lines without comments (a `#` at the start or after a space) and blank lines. */
export function composeLines(text: string | undefined): string[] {
  if (text === undefined) throw new Error('compose.yaml is missing');
  const lines = text
    .split('\n')
    .map((l) => l.replace(/(^|\s)#.*$/, ''))
    .filter((l) => l.trim() !== '');
  if (!lines.some((l) => /^services:\s*$/.test(l))) throw new Error('compose.yaml has no top-level services: key');
  return lines;
}

const has = (lines: string[], key: RegExp): boolean => lines.some((l) => key.test(l));

/** Port mappings that publish container port 3000 (`"127.0.0.1:3000:3000"`, `- 3000:3000`). */
export function portMappings(lines: string[]): string[] {
  return lines.map((l) => /^\s*-\s*["']?([0-9.:]*3000)["']?\s*$/.exec(l)?.[1]).filter((p): p is string => p?.includes(':') === true);
}

/** A service that is built or named, publishes port 3000 and has a healthcheck with a test. */
export function serviceProblems(lines: string[]): string[] {
  const problems: string[] = [];
  if (!has(lines, /^\s+(build|image):/)) problems.push('the service has neither build: nor image:');
  if (portMappings(lines).length === 0) problems.push('no ports: entry publishes container port 3000');
  if (!has(lines, /^\s+healthcheck:/) || !has(lines, /^\s+test:/)) problems.push('the service has no healthcheck: with a test:');
  return problems;
}

/** Published on 127.0.0.1 only, time to drain on stop, a restart policy. */
export function hardeningProblems(lines: string[]): string[] {
  const problems: string[] = [];
  for (const p of portMappings(lines)) {
    if (!p.startsWith('127.0.0.1:')) problems.push(`port "${p}" is published on every interface: prefix it with 127.0.0.1:`);
  }
  problems.push(...gracePeriodProblems(lines));
  if (!has(lines, /^\s+restart:\s*\S/)) problems.push('no restart: policy, so a crashed service stays down');
  return problems;
}

/** After the drain delay, time for in-flight requests to finish and the process to exit. */
export const DRAIN_MARGIN_MS = 2_000;

/** `1m30s`, `15s`, `1500ms` (compose's duration format) → milliseconds; undefined when it is not one. */
export function durationMs(text: string): number | undefined {
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1, us: 0.001 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * (units[p[2]] ?? 0), 0);
}

/** The DRAIN_DELAY_MS the service's environment sets (`KEY: "5000"` or `- KEY=5000`), if any. */
export function drainDelayMs(lines: string[]): number | undefined {
  const set = lines.map((l) => /^\s*-?\s*["']?DRAIN_DELAY_MS["']?\s*[:=]\s*["']?(\d+)["']?\s*$/.exec(l)?.[1]).find((v) => v !== undefined);
  return set === undefined ? undefined : Number(set);
}

/** A stop_grace_period, longer than the drain delay plus a margin when the file sets a drain delay. */
export function gracePeriodProblems(lines: string[]): string[] {
  const raw = lines.map((l) => /^\s+stop_grace_period:\s*["']?([^"'\s]*)["']?\s*$/.exec(l)?.[1]).find((v) => v !== undefined);
  if (raw === undefined) return ['no stop_grace_period: the service may be killed before it drains its requests'];
  const grace = durationMs(raw);
  if (grace === undefined) return [`stop_grace_period "${raw}" is not a duration such as 15s or 1m30s`];
  const delay = drainDelayMs(lines);
  if (delay === undefined || grace > delay + DRAIN_MARGIN_MS) return [];
  return [
    `stop_grace_period ${raw} does not outlast DRAIN_DELAY_MS (${delay} ms) plus ${DRAIN_MARGIN_MS / 1000} s for in-flight requests: Docker kills the service before it has drained (make it longer than ${(delay + DRAIN_MARGIN_MS) / 1000} s)`,
  ];
}

/** Secret-looking environment entries with a literal value (a `${VAR}` reference is fine). */
export function secretProblems(lines: string[]): string[] {
  return lines
    .map((l) => /^\s*-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?\s*[:=]\s*["']?([^"'\s]+)/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null && SECRET_NAME.test(m[1]) && !m[2].startsWith('${'))
    .map((m) => `${m[1]} has a literal value in compose.yaml: read it from the environment (\${${m[1]}}) or use secrets:`);
}
