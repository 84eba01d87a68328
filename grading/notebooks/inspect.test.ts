import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InvalidSubmission } from '../lib/unpack';
import { lastExerciseCell, missingExercises, readSubmission, withHook } from './inspect';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nb-inspect-'));
const file = (name: string, text: string): string => (fs.writeFileSync(path.join(dir, name), text), path.join(dir, name));
const cell = (source: string, type: 'code' | 'markdown' = 'code') => ({
  cell_type: type,
  id: 'c',
  metadata: {},
  source: [source],
  outputs: [{ output_type: 'stream', text: 'old' }],
  execution_count: 3,
});
const marked = (source: string, role: 'answer' | 'checker') => ({
  ...cell(source),
  metadata: { exercise: { id: 'nb-03.1', title: 't', points: 1, role } },
});
const notebook = (cells: unknown[], kernel = 'tslab-course') =>
  JSON.stringify({ cells, metadata: { kernelspec: { name: kernel } }, nbformat: 4, nbformat_minor: 5 });

describe('reading a submitted notebook', () => {
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a file that is not JSON, saying so', () => {
    assert.throws(
      () => readSubmission(file('a.ipynb', '{"cells": [')),
      (e: Error) => e instanceof InvalidSubmission && /not valid JSON/.test(e.message),
    );
  });
  it('refuses JSON without cells, and a notebook with none', () => {
    assert.throws(() => readSubmission(file('b.ipynb', '{"x": 1}')), /no "cells" list/);
    assert.throws(() => readSubmission(file('c.ipynb', notebook([]))), /has no cells/);
  });
  it('refuses a notebook saved with another kernel, naming it', () => {
    assert.throws(
      () => readSubmission(file('d.ipynb', notebook([cell('1')], 'python3'))),
      /kernel "python3", not the course's "tslab-course"/,
    );
  });
  it('finds the exercises whose declaration line is gone', () => {
    const nb = readSubmission(
      file('e.ipynb', notebook([cell('// Exercise nb-03.1 — a (2 points)\nf()'), cell('// Exercise nb-03.2 — b', 'markdown')])),
    );
    assert.deepEqual(missingExercises(nb, ['nb-03.1', 'nb-03.2']), ['nb-03.2']);
  });
  it("drops saved outputs and appends the hook cells after the learner's", () => {
    const nb = readSubmission(file('f.ipynb', notebook([cell('x'), cell('# t', 'markdown')])));
    const { notebook: run, firstHook } = withHook(nb, ['setup', 'report']);
    assert.equal(firstHook, 2);
    assert.deepEqual(run.cells[0]!.outputs, []);
    assert.deepEqual(
      run.cells.slice(2).map((c) => c.source.join('')),
      ['setup', 'report'],
    );
  });

  describe('cutting the run after the last exercise', () => {
    it("keeps the cells up to the last exercise's checker and leaves out the code after it", () => {
      const nb = readSubmission(
        file(
          'g.ipynb',
          notebook([
            cell('setup'),
            marked('// Exercise nb-03.1 — a (1 point)\nfunction f() {}', 'answer'),
            marked("grader.check('nb-03.1', f);", 'checker'),
            cell('# after', 'markdown'),
            cell('gridSearch()'),
            cell('function f() { throw 1; }'),
          ]),
        ),
      );
      const { notebook: run, firstHook, skipped } = withHook(nb, ['setup', 'report']);
      assert.equal(firstHook, 3);
      assert.equal(skipped, 2);
      assert.deepEqual(
        run.cells.map((c) => c.source.join('')),
        ['setup', '// Exercise nb-03.1 — a (1 point)\nfunction f() {}', "grader.check('nb-03.1', f);", 'setup', 'report'],
      );
    });
    it('finds exercise cells by their source when their metadata is gone', () => {
      const nb = readSubmission(
        file('h.ipynb', notebook([cell('// Exercise nb-03.1 — a\nf'), cell("await grader.check( 'nb-03.2', g);"), cell('later()')])),
      );
      assert.equal(lastExerciseCell(nb), 1);
      assert.equal(withHook(nb, ['setup']).skipped, 1);
    });
    it('runs every cell of a notebook in which no cell belongs to an exercise', () => {
      const nb = readSubmission(file('i.ipynb', notebook([cell('a'), cell("check('nb-03.1', f)"), cell('b')])));
      assert.equal(lastExerciseCell(nb), -1);
      const { firstHook, skipped } = withHook(nb, ['setup']);
      assert.deepEqual([firstHook, skipped], [3, 0]);
    });
  });
});
