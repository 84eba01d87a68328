import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { emptyResults, type Results, type TestResult } from '../harness/results';
import { walk } from '../lib/build';
import { listLabs } from '../lib/labs';
import { REPO_ROOT } from '../harness/repo-root';
import { feedbackMarkdown } from '../lib/reports';
import { gradersOf } from '../runner/grade-one';
import { PHASES, scoreLine, shownAt } from './visibility';

interface HiddenCheck {
  name: string;
  /** Every string the check's source holds: its name, hint, inputs and expected values. */
  secrets: string[];
}

function literals(node: ts.Node, out: string[]): void {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node.text);
  if (ts.isTemplateExpression(node)) out.push(node.head.text, ...node.templateSpans.map((s) => s.literal.text));
  if (ts.isNumericLiteral(node) && node.getText().length > 2) out.push(node.getText());
  if (ts.isArrayLiteralExpression(node)) out.push(node.getText());
  ts.forEachChild(node, (k) => literals(k, out));
}

/** The `check(name, points, hint, fn)` calls of a grader file (and of wrappers named `…Check`). */
function checksOf(file: string): HiddenCheck[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: HiddenCheck[] = [];
  const visit = (n: ts.Node): void => {
    if (
      ts.isCallExpression(n) &&
      ts.isIdentifier(n.expression) &&
      // `check(...)` itself, or a lab's wrapper around it such as lab 05's `appCheck(...)`.
      /^(?:check|\w+Check)$/.test(n.expression.text) &&
      n.arguments[0] &&
      ts.isStringLiteralLike(n.arguments[0])
    ) {
      const secrets: string[] = [];
      n.arguments.forEach((a) => literals(a, secrets));
      found.push({ name: n.arguments[0].text, secrets });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

/** A submission that failed every check, each failure quoting everything in the check's source. */
function failedEverything(labId: string, files: string[], instructorDir: string, visibility: TestResult['visibility']): Results {
  const r = emptyResults(labId, 'x', 0, 'graded', 'Graded.');
  r.tests = files.flatMap((f) =>
    checksOf(f).map((c) => ({
      name: c.name,
      score: 0,
      max_score: 1,
      output: c.secrets.join('\n'),
      visibility: f.startsWith(instructorDir) ? visibility : ('visible' as const),
    })),
  );
  r.max_score = r.tests.length;
  return r;
}

describe('honest visibility', () => {
  it('shows visible checks always, after_due_date ones after the deadline, after_published ones once published, hidden never', () => {
    const table = (['visible', 'after_due_date', 'after_published', 'hidden'] as const).map((v) => PHASES.map((p) => shownAt(v, p)));
    assert.deepEqual(table, [
      [true, true, true],
      [false, true, true],
      [false, false, true],
      [false, false, false],
    ]);
  });

  for (const lab of listLabs(path.join(REPO_ROOT, 'solutions'))) {
    describe(lab.config.id, () => {
      const instructorDir = path.join(lab.dir, 'instructor');
      const files = gradersOf(lab.dir, false);
      // Everything learners get of the checks: the public graders and their helpers (copied to labs/).
      const publicSource = walk(path.join(lab.dir, 'grader'))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => fs.readFileSync(path.join(lab.dir, 'grader', f), 'utf8'))
        .join('\n');
      const hidden = files.filter((f) => f.startsWith(instructorDir)).flatMap(checksOf);
      // Text a public check also holds (a file name) may appear; everything else of a hidden check may not.
      const secrets = [...new Set(hidden.flatMap((c) => c.secrets))].filter((s) => s.trim().length >= 4 && !publicSource.includes(s));

      it('has hidden checks to keep back', () => assert.ok(hidden.length > 0 && secrets.length > 0));
      it('feedback before the deadline holds no name, hint, input or expected value of a hidden check', () => {
        const md = feedbackMarkdown(
          lab.config.title,
          failedEverything(lab.config.id, files, instructorDir, lab.config.instructor_visibility),
        );
        for (const s of secrets) assert.ok(!md.includes(s), `${lab.config.id}: ${JSON.stringify(s)} is in the feedback before release`);
        assert.match(md, /public checks 0\/\d+\*\* — \d+ points of hidden checks are graded after the deadline/);
      });
      it('feedback once published shows every after_published check in full', () => {
        const md = feedbackMarkdown(
          lab.config.title,
          failedEverything(lab.config.id, files, instructorDir, 'after_published'),
          'after_published',
        );
        for (const c of hidden) assert.ok(md.includes(c.name), c.name);
      });
    });
  }

  it('gives the full score only when nothing is withheld, and hidden totals only once published', () => {
    const r = emptyResults('lab-x', 'x', 0, 'graded', '');
    r.tests = [
      { name: 'a', score: 2, max_score: 2, output: 'passed', visibility: 'visible' },
      { name: 'b', score: 0, max_score: 3, output: 'x', visibility: 'hidden' },
    ];
    Object.assign(r, { score: 2, max_score: 5 });
    assert.equal(
      scoreLine(r, 'before_due_date'),
      '**public checks 2/2** — 3 points of hidden checks count in the final score; their details are not shown',
    );
    assert.match(scoreLine(r, 'after_published'), /\(total 2 \/ 5\)$/);
    r.tests[1]!.visibility = 'visible';
    assert.equal(scoreLine(r, 'before_due_date'), '**Score: 2 / 5**');
  });
});
