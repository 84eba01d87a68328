/**
 * Static checks of the compose file on its text (key lines, not a full YAML parser): enough
 * for one service written in the usual block style.
 */

const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY)/i;

/** Lines without comments (a `#` at the start or after a space) and blank lines. */
export function composeLines(text: string | undefined): string[] {
  if (text === undefined) throw new Error('compose.yaml is missing');
  const lines = text.split('\n').map((l) => l.replace(/(^|\s)#.*$/, '')).filter((l) => l.trim() !== '');
  if (!lines.some((l) => /^services:\s*$/.test(l))) throw new Error('compose.yaml has no top-level services: key');
  return lines;
}

const has = (lines: string[], key: RegExp): boolean => lines.some((l) => key.test(l));

/** Port mappings that publish container port 3000 (`"127.0.0.1:3000:3000"`, `- 3000:3000`). */
export function portMappings(lines: string[]): string[] {
  return lines
    .map((l) => /^\s*-\s*["']?([0-9.:]*3000)["']?\s*$/.exec(l)?.[1])
    .filter((p): p is string => p !== undefined && p.includes(':'));
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
  if (!has(lines, /^\s+stop_grace_period:/)) problems.push('no stop_grace_period: the service may be killed before it drains its requests');
  if (!has(lines, /^\s+restart:\s*\S/)) problems.push('no restart: policy, so a crashed service stays down');
  return problems;
}

/** Secret-looking environment entries with a literal value (a `${VAR}` reference is fine). */
export function secretProblems(lines: string[]): string[] {
  return lines
    .map((l) => /^\s*-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?\s*[:=]\s*["']?([^"'\s]+)/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null && SECRET_NAME.test(m[1]) && !m[2].startsWith('${'))
    .map((m) => `${m[1]} has a literal value in compose.yaml: read it from the environment (\${${m[1]}}) or use secrets:`);
}
