/** The Gradescope-shaped results of grading one submission. */

export type Visibility = 'visible' | 'after_published' | 'hidden' | 'after_due_date';

export interface TestResult {
  name: string;
  score: number;
  max_score: number;
  /** Expected / got / where to look, or "passed". */
  output: string;
  visibility: Visibility;
}

/** How a run ended: graded normally, or stopped by the sandbox (or unusable input). */
export type RunStatus = 'graded' | 'timeout' | 'crashed' | 'invalid';

export interface Results {
  score: number;
  max_score: number;
  execution_time: number;
  output: string;
  tests: TestResult[];
  extra_data: { lab: string; submission: string; status: RunStatus; incidents: string[] };
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
