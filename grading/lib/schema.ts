/**
 * Helpers for the zod schemas of the grading configuration files (`lab.json`, `fault.json`):
 * one message per field, and problems printed the way an author looks the field up.
 */
import type { z } from 'zod';

/** Schema parameters that give every problem of that schema one message (type and checks alike). */
export function must(message: string): { errorMap: z.ZodErrorMap } {
  return { errorMap: () => ({ message }) };
}

/** `edits[0].find`: the path of a field as it reads in the JSON. */
function fieldName(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function describeIssue(issue: z.ZodIssue): string {
  const field = issue.path.length === 0 ? '' : `"${fieldName(issue.path)}" `;
  if (issue.code === 'unrecognized_keys')
    return `${field}${field ? 'has ' : ''}unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return `${field}${issue.message}`;
}

/**
 * Parses `raw` with `schema`, or throws `toError(problems)` with every problem on one line,
 * each naming its field: `"memory_mb" must be a whole number of MiB, at least 16`.
 */
export function parseWith<S extends z.ZodTypeAny>(schema: S, raw: unknown, toError: (problems: string) => Error): z.output<S> {
  const result = schema.safeParse(raw);
  if (!result.success) throw toError(result.error.issues.map(describeIssue).join('; '));
  return result.data;
}
