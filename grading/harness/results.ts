/** The Gradescope-shaped results of grading one submission. */
import type { LateOutcome } from '../term/late';
import type { Reproducibility } from '../term/provenance';

export type Visibility = 'visible' | 'after_published' | 'hidden' | 'after_due_date';

export interface TestResult {
  name: string;
  score: number;
  max_score: number;
  /** Expected / got / where to look, "passed", or why it was skipped. */
  output: string;
  visibility: Visibility;
  /** Only on a check that could not run here (`skipCheck`): it then has max_score 0. */
  status?: 'skipped';
  /** The points a skipped check would have been worth. */
  skipped_points?: number;
}

/** How a run ended: graded normally, or stopped by the sandbox (or unusable input). */
export type RunStatus = 'graded' | 'timeout' | 'crashed' | 'invalid';

export interface Results {
  score: number;
  max_score: number;
  execution_time: number;
  output: string;
  tests: TestResult[];
  /** `skipped_points`: points of checks that could not run here, left out of score and max_score. */
  extra_data: {
    lab: string;
    submission: string;
    status: RunStatus;
    incidents: string[];
    skipped_points?: number;
    /** What graded it, and what it graded (grading/term/provenance.ts). */
    reproducibility?: Reproducibility;
    /** The late policy's outcome, once applied (grading/term/late.ts). */
    late?: LateOutcome;
  };
}

/** Results for a submission that could not be graded at all. */
export function emptyResults(lab: string, submission: string, maxScore: number, status: RunStatus, reason: string, seconds = 0): Results {
  return {
    score: 0,
    max_score: maxScore,
    execution_time: seconds,
    output: reason,
    tests: [],
    extra_data: { lab, submission, status, incidents: [reason] },
  };
}

/** One test as the learner's terminal shows it: ✓ or ✗ with its points, and a failure's output indented below. */
export function testLines(t: TestResult): string {
  const ok = t.score >= t.max_score;
  const head = `${ok ? '✓' : '✗'} ${t.name}  (${t.score}/${t.max_score})`;
  if (ok) return t.output.startsWith('passed: ') ? `${head}\n    ${t.output.slice('passed: '.length)}` : head;
  return [head, ...t.output.split('\n').map((l) => `    ${l}`)].join('\n');
}
