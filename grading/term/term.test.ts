/**
 * The instructor's term on one seeded class of lab 00 (21 submissions), graded once through
 * `npm run grade` with a roster, a late policy and a term ledger: honest visibility, lateness,
 * similarity, exports, the reproducibility record, then a regrade against a previous output.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Results } from '../harness/results';
import { resolveLab } from '../lib/labs';
import { REPO_ROOT } from '../harness/repo-root';
import { parseCsv } from './csv';
import { planTerm } from './finish';
import type { SimilarityReport } from './similarity';
import { writeSeededClass, type SeededClass } from './seeded-class';

const lab = resolveLab(path.join(REPO_ROOT, 'solutions'), 'lab-00');
/** Lab 00's points, and what the late policy leaves of them after 4 late days (10 % a day, capped at 30 %). */
const MAX = lab.config.max_score;
const LATE_PENALTY = 0.3 * MAX;
const LATE_FINAL = MAX - LATE_PENALTY;

function cli(script: string, ...args: string[]): { code: number | null; out: string } {
  const r = spawnSync(
    process.execPath,
    ['--require', require.resolve('tsx/cjs'), path.join(REPO_ROOT, 'grading', 'cli', script), ...args],
    { cwd: REPO_ROOT, encoding: 'utf8', timeout: 300000 },
  );
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const ROSTER = [
  'student,submitted_at,extension_days,name,sis_login_id',
  's01-reference,2025-10-01T21:00:00Z,,Ada Reference,ada',
  's02-functional,2025-10-02T00:10:00+02:00,,,',
  's03-whileLoops,2025-10-02T12:00:00Z,,,',
  's04-tally,2025-10-04T23:00:00Z,,,',
  's05-recursive,2025-10-03T20:00:00Z,2,,',
  's06-functional-fault,,,,',
].join('\n');
const POLICY = {
  due: { 'lab-00-warm-up': '2025-10-01T23:59:00+02:00' },
  grace_minutes: 15,
  penalty_per_day: 0.1,
  penalty_cap: 0.3,
  slip_days: 2,
  archive_time: true,
};

describe("the instructor's term on a seeded class of lab 00", function () {
  this.timeout(400000);
  let work = '';
  let seeded: SeededClass;
  let out = '';
  let graded = { code: 0 as number | null, out: '' };
  const results = (id: string): Results =>
    JSON.parse(fs.readFileSync(path.join(out, 'submissions', id, 'results.json'), 'utf8')) as Results;
  const read = (...p: string[]): string => fs.readFileSync(path.join(out, ...p), 'utf8');
  const gradeRow = (id: string): Record<string, string> => {
    const [head, ...rows] = parseCsv(read('grades.csv')).map((r) => r.cells);
    const row = rows.find((r) => r[0] === id)!;
    return Object.fromEntries(head!.map((h, i) => [h, row[i]!]));
  };

  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-term-'));
    seeded = writeSeededClass(lab, path.join(work, 'class'));
    fs.writeFileSync(path.join(work, 'roster.csv'), ROSTER);
    fs.writeFileSync(path.join(work, 'policy.json'), JSON.stringify(POLICY));
    // Earlier in the term s03 spent one slip day on lab 01, s04 both of theirs.
    fs.writeFileSync(
      path.join(work, 'ledger.json'),
      JSON.stringify({ slip_days: { 's03-whileLoops': { 'lab-01-ship-the-model': 1 }, 's04-tally': { 'lab-01-ship-the-model': 2 } } }),
    );
    fs.utimesSync(
      path.join(work, 'class', 's17-recursive-archive.tar.gz'),
      new Date('2025-10-01T20:00:00Z'),
      new Date('2025-10-01T20:00:00Z'),
    );
    out = path.join(work, 'out');
    graded = cli(
      'grade.ts',
      'lab-00',
      path.join(work, 'class'),
      '--out',
      out,
      '--jobs',
      '2',
      '--isolation',
      'process',
      '--roster',
      path.join(work, 'roster.csv'),
      '--policy',
      path.join(work, 'policy.json'),
      '--ledger',
      path.join(work, 'ledger.json'),
    );
  });
  after(() => work && fs.rmSync(work, { recursive: true, force: true }));

  it('grades the whole class, with every status the class was seeded with', () => {
    assert.equal(graded.code, 0, graded.out);
    assert.ok(seeded.ids.length >= 20);
    const statuses = new Map(seeded.ids.map((id) => [id, results(id).extra_data.status]));
    assert.equal(statuses.get('s16-invalid'), 'invalid');
    assert.equal(statuses.get('s14-crash'), 'crashed');
    for (const id of ['s01-reference', 's02-functional', 's03-whileLoops', 's04-tally', 's05-recursive', 's17-recursive-archive'])
      assert.equal(results(id).score, MAX, `${id}: an independent correct answer scores full marks`);
  });

  describe('1. honest visibility', () => {
    it('says what ran before release: public checks, and how many hidden points are still to come', () => {
      const md = read('submissions', 's01-reference', 'feedback.md');
      const visible = results('s01-reference').tests.filter((t) => t.visibility === 'visible');
      const pub = visible.reduce((sum, t) => sum + t.max_score, 0);
      assert.ok(pub > 0 && pub < MAX, `public points ${pub} of ${MAX}`);
      assert.ok(md.includes(`public checks ${pub}/${pub}** — ${MAX - pub} points of hidden checks are graded after the deadline`), md);
      assert.doesNotMatch(md, /all (tests|checks) passed|Every check passed/i);
    });
    it('names no hidden check before release, and shows them in full once published', () => {
      const r = results('s07-whileLoops-fault');
      const hidden = r.tests.filter((t) => t.visibility !== 'visible');
      assert.ok(
        hidden.some((t) => t.score < t.max_score),
        'the fault fails a hidden check',
      );
      const before = read('submissions', 's07-whileLoops-fault', 'feedback.md');
      const published = read('submissions', 's07-whileLoops-fault', 'feedback-published.md');
      for (const t of hidden) {
        assert.ok(!before.includes(t.name), `"${t.name}" is in the feedback before release`);
        assert.ok(published.includes(t.name), `"${t.name}" is missing once published`);
      }
      const failedOutput = hidden.find((t) => t.score < t.max_score)!.output;
      assert.ok(!before.includes(failedOutput) && published.includes(failedOutput));
    });
  });

  describe('2. late policy', () => {
    it('applies grace, penalty, cap, extensions and slip days carried over from earlier labs', () => {
      const cols = ['raw_score', 'late_days', 'penalty', 'slip_days_used', 'final_score', 'late_flag'];
      const row = (id: string): string[] => cols.map((c) => gradeRow(id)[c]!);
      const full = String(MAX);
      assert.deepEqual(row('s01-reference'), [full, '0', '0', '0', full, '']);
      assert.deepEqual(row('s02-functional'), [full, '0', '0', '0', full, ''], '11 minutes late is inside the 15 minutes of grace');
      assert.deepEqual(row('s03-whileLoops'), [full, '1', '0', '1', full, ''], 'its last slip day covers the one late day');
      assert.deepEqual(
        row('s04-tally'),
        [full, '4', String(LATE_PENALTY), '0', String(LATE_FINAL), ''],
        `no slip day left: 4 days × 10 % capped at 30 % of ${MAX}`,
      );
      assert.deepEqual(row('s05-recursive'), [full, '0', '0', '0', full, ''], 'the 2-day extension covers it');
      assert.deepEqual(row('s17-recursive-archive'), [full, '0', '0', '0', full, ''], "the archive's time, as the policy allows");
    });
    it('flags a submission without a time instead of guessing, and one not on the roster', () => {
      assert.equal(gradeRow('s06-functional-fault')['final_score'], '');
      assert.match(gradeRow('s06-functional-fault')['late_flag']!, /no submitted_at/);
      assert.match(gradeRow('s08-tally-fault')['late_flag']!, /not on the roster/);
    });
    it("writes the rule applied into the learner's feedback", () => {
      const rule =
        "## Late policy\n\nDue 2025-10-01T21:59:00.000Z, 15 minutes' grace; submitted 2025-10-04T23:00:00.000Z: 4 day(s) late; " +
        `0 slip day(s) used, 0 of 2 left for the term; penalty 4 day(s) × 10 % of ${MAX} points, capped at 30 % = ${LATE_PENALTY} points. ` +
        `Final score ${LATE_FINAL} / ${MAX}`;
      const md = read('submissions', 's04-tally', 'feedback.md');
      assert.ok(md.includes(rule), md);
    });
    it("keeps the term ledger: this lab's slip days added, earlier labs' kept", () => {
      const ledger = JSON.parse(fs.readFileSync(path.join(work, 'ledger.json'), 'utf8')) as {
        slip_days: Record<string, Record<string, number>>;
      };
      assert.deepEqual(ledger.slip_days['s03-whileLoops'], { 'lab-01-ship-the-model': 1, 'lab-00-warm-up': 1 });
      assert.deepEqual(ledger.slip_days['s04-tally'], { 'lab-01-ship-the-model': 2 });
    });
  });

  describe('3. similarity', () => {
    let report: SimilarityReport;
    before(() => (report = JSON.parse(read('similarity.json')) as SimilarityReport));
    const key = (a: string, b: string): string => [a, b].sort().join(' ↔ ');
    it('finds every planted near-copy (renamed variables, reordered functions)', () => {
      const flagged = new Set(report.flagged.map((p) => key(p.left, p.right)));
      for (const [a, b] of seeded.planted) assert.ok(flagged.has(key(a, b)), `${key(a, b)} is not flagged`);
    });
    it('flags no pair of independent answers, though all of them fill the same starter', () => {
      const independent = report.flagged.filter((p) => seeded.origin[p.left] !== seeded.origin[p.right]);
      assert.deepEqual(
        independent.map((p) => `${key(p.left, p.right)} ${p.similarity}`),
        [],
      );
    });
    it('shows the matching fragments side by side in an HTML page, from both submissions', () => {
      const html = read('similarity.html');
      const pair = report.flagged.find((p) => key(p.left, p.right) === key('s03-whileLoops', 's11-copy-of-whileLoops'))!;
      assert.ok(pair.fragments.length > 0);
      assert.match(html, /s03-whileLoops ↔ s11-copy-of-whileLoops|s11-copy-of-whileLoops ↔ s03-whileLoops/);
      assert.ok(html.includes('c.good') || html.includes('counts.ok'), 'fragment text is in the page');
      assert.ok(!html.includes('<script'));
    });
  });

  describe('5. exports', () => {
    it('writes a Canvas gradebook with points possible and the final score (empty when flagged)', () => {
      const rows = parseCsv(read('gradebook-canvas.csv')).map((r) => r.cells);
      assert.deepEqual(rows[0], ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', lab.config.title]);
      assert.deepEqual(rows[1], ['Points Possible', '', '', '', '', String(MAX)]);
      assert.deepEqual(
        rows.find((r) => r[0] === 'Ada Reference'),
        ['Ada Reference', '', '', 'ada', '', String(MAX)],
      );
      assert.equal(rows.find((r) => r[3] === 's04-tally')?.[5], String(LATE_FINAL));
      assert.equal(rows.find((r) => r[3] === 's06-functional-fault')?.[5], '');
    });
    it('writes a Moodle gradebook keyed by username', () => {
      const rows = parseCsv(read('gradebook-moodle.csv')).map((r) => r.cells);
      assert.deepEqual(rows[0], ['username', 'email', 'lab-00-warm-up', 'lab-00-warm-up feedback']);
      assert.equal(rows.find((r) => r[0] === 's04-tally')?.[2], String(LATE_FINAL));
    });
    it('analyses every check: pass rate as in the summary, discrimination, and flags', () => {
      const items = parseCsv(read('item-analysis.csv')).map((r) => r.cells);
      const summary = JSON.parse(read('summary.json')) as { tests: { name: string; pass_rate: number }[] };
      assert.equal(items.length - 1, summary.tests.length);
      const recall = items.find((r) => r[0] === 'recall is 0 when there is no positive example')!;
      assert.ok(Number(recall[3]) < 1 && Number(recall[3]) > 0.5);
      for (const r of items.slice(1)) if (r[3] === '1') assert.match(r[6]!, /everyone passed/);
    });
  });

  describe('6. reproducibility record', () => {
    it('stamps every results.json with grader version, submission and lab config hashes, and Node', () => {
      const labHash = createHash('sha256')
        .update(fs.readFileSync(path.join(lab.dir, 'lab.json')))
        .digest('hex');
      for (const id of seeded.ids) {
        const rec = results(id).extra_data.reproducibility!;
        assert.match(rec.grader_version, /^(git:[0-9a-f]{40}(\+dirty)?|sha256:[0-9a-f]{64})$/);
        assert.deepEqual([rec.lab_config_sha256, rec.node_version], [labHash, process.version]);
      }
      const archive = fs.readFileSync(path.join(work, 'class', 's17-recursive-archive.tar.gz'));
      assert.equal(
        results('s17-recursive-archive').extra_data.reproducibility?.submission_sha256,
        createHash('sha256').update(archive).digest('hex'),
      );
      assert.notEqual(
        results('s01-reference').extra_data.reproducibility?.submission_sha256,
        results('s10-copy-of-reference').extra_data.reproducibility?.submission_sha256,
      );
    });
  });

  describe('4. regrade with a diff', () => {
    it('writes old and new scores and the changed checks per student, without touching the previous output', () => {
      // The previous output as a broken grader left it: the tie-breaking check failed everyone.
      const prev = path.join(work, 'prev');
      fs.cpSync(out, prev, { recursive: true });
      const broken = 'fitThreshold breaks ties with the smallest threshold';
      for (const id of fs.readdirSync(path.join(prev, 'submissions'))) {
        const file = path.join(prev, 'submissions', id, 'results.json');
        const r = JSON.parse(fs.readFileSync(file, 'utf8')) as Results;
        const t = r.tests.find((x) => x.name === broken);
        if (t && t.score > 0) (r.score -= t.score), (t.score = 0);
        fs.writeFileSync(file, JSON.stringify(r));
      }
      const before = fs.readFileSync(path.join(prev, 'submissions', 's01-reference', 'results.json'), 'utf8');
      const r = cli('term.ts', 'regrade', 'lab-00', prev, out);
      assert.equal(r.code, 0, r.out);
      const diff = JSON.parse(read('submissions', 's01-reference', 'regrade.json')) as {
        old_score: number;
        new_score: number;
        changed: { check: string }[];
      };
      assert.deepEqual([diff.old_score, diff.new_score, diff.changed.map((c) => c.check)], [MAX - 1, MAX, [broken]]);
      assert.match(read('regrade.md'), new RegExp(`\\| ${broken} \\| \\d+ \\| 0 \\|`));
      assert.equal(fs.readFileSync(path.join(prev, 'submissions', 's01-reference', 'results.json'), 'utf8'), before);
      assert.ok(!fs.existsSync(path.join(prev, 'regrade.md')));
    });
    it('refuses an output folder inside the previous one, before grading anything', () => {
      // npm run grade calls planTerm before it grades anything.
      assert.throws(
        () => planTerm(lab, path.join(out, 'again'), { previous: out, similarity: true }),
        /never overwrites the previous output/,
      );
      assert.throws(() => planTerm(lab, out, { previous: out, similarity: true }), /never overwrites the previous output/);
    });
  });
});
