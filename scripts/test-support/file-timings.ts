/**
 * Where the test run's time goes, per test file: printed after mocha's summary so that a slow CI
 * run shows which files to make faster. Mocha times tests but not the `before` hooks in which
 * the heavy suites (lab meta-tests, container tests) do their work, so the time between two
 * tests is charged to the file of the test that comes next (its hooks ran in that gap). A file
 * with several top-level suites (one per lab in the meta-tests) is reported per suite.
 */

/** Accumulates wall-clock time per file from the moments tests start and end. */
export class FileTimings {
  /** Milliseconds by file, then by top-level suite title. */
  private readonly byFile = new Map<string, Map<string, number>>();
  private last: number;

  constructor(start: number) {
    this.last = start;
  }

  /** A test of `file` (top-level suite `suite`) starts at `now`: the gap since the last test ended is its hooks. */
  testStarts(file: string, suite: string, now: number): void {
    this.charge(file, suite, now);
  }

  /** A test of `file` (top-level suite `suite`) ends at `now`. */
  testEnds(file: string, suite: string, now: number): void {
    this.charge(file, suite, now);
  }

  /** The `n` slowest files, slowest first, with their share of the run. */
  slowest(n: number): { file: string; seconds: number; share: number }[] {
    const rows: [string, number][] = [];
    for (const [file, suites] of this.byFile) {
      if (suites.size === 1) rows.push([file, [...suites.values()][0] ?? 0]);
      else for (const [suite, ms] of suites) rows.push([`${file} › ${suite}`, ms]);
    }
    const total = rows.reduce((s, [, ms]) => s + ms, 0);
    return rows
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([file, ms]) => ({ file, seconds: ms / 1000, share: total > 0 ? ms / total : 0 }));
  }

  private charge(file: string, suite: string, now: number): void {
    const suites = this.byFile.get(file) ?? new Map<string, number>();
    suites.set(suite, (suites.get(suite) ?? 0) + Math.max(0, now - this.last));
    this.byFile.set(file, suites);
    this.last = Math.max(this.last, now);
  }
}

/** The report's lines: one per file, aligned, e.g. "  412.3 s  13.1 %  grading/meta.test.ts". */
export function formatTimings(rows: { file: string; seconds: number; share: number }[]): string[] {
  return rows.map((r) => `${r.seconds.toFixed(1).padStart(8)} s ${(100 * r.share).toFixed(1).padStart(5)} %  ${r.file}`);
}
