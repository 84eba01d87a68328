/**
 * The wire format between graders (trusted) and the process running a submission
 * (untrusted): one JSON object per line. Numbers JSON cannot carry (NaN, ±Infinity) and
 * `undefined` are tagged so a grader sees exactly what the submission returned.
 */

/** Grader → submission. */
export type Request =
  | { id: number; op: 'call'; file: string; fn: string; args: unknown[] }
  | { id: number; op: 'serve'; file: string; fn: string; args: unknown[] };

/** Submission → grader. */
export type Response = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return { $num: String(value) };
  if (value === undefined) return { $undefined: true };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v['$num'] === 'string' && Object.keys(v).length === 1) return Number(v['$num']);
    if (v['$undefined'] === true && Object.keys(v).length === 1) return undefined;
  }
  return value;
}

/** One line of the protocol (no trailing newline). */
export function encode(message: unknown): string {
  return JSON.stringify(message, replacer);
}

/** Parses one line; undefined when it is not valid JSON. */
export function decode(line: string): unknown {
  try {
    return JSON.parse(line, reviver);
  } catch {
    return undefined;
  }
}
