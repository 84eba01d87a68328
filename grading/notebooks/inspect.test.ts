import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InvalidSubmission } from '../lib/unpack';
import { missingExercises, readSubmission, withHook } from './inspect';

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
});
