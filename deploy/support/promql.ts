/**
 * Metric names a PromQL expression reads: `sum by (le) (rate(x_bucket{route="/p"}[1m]))` →
 * `['x_bucket']`. Label matchers, range selectors, `offset` durations, `by`/`without` clauses, strings, numbers
 * and function calls are removed first; what is left and not followed by `(` is a metric name.
 */
export function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\boffset\s+-?[\d.]+[a-z]+/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset']);
  for (const match of stripped.matchAll(/([A-Za-z_:][A-Za-z0-9_:]*)(\s*\()?/g)) {
    if (match[2] === undefined && !KEYWORDS.has(match[1])) names.add(match[1]);
  }
  return [...names];
}
