import assert from 'node:assert/strict';
import { notebookOf } from './notebook-source';
import { lessonFailure } from './site-build';

describe('lessonFailure', () => {
  const executed = notebookOf([
    { cell_type: 'markdown', text: '# 03 · Training\n\n## Setup' },
    { cell_type: 'code', text: 'setup()' },
    { cell_type: 'markdown', text: 'Some prose.\n\n## Tuning\n\nMore prose.' },
    { cell_type: 'code', text: 'tune()' },
  ]);

  it('names the lesson, the cell counted from 1, and the section it sits under, then what it printed', () => {
    const failure = lessonFailure('03-training', {
      ok: false,
      seconds: 1,
      executed,
      failedCell: 3,
      failure: 'cell 3:\ntune()\n--- it printed ---\nError: no',
    });
    assert.equal(failure.lesson, '03-training');
    assert.equal(failure.summary, 'cell 4 of 4 (under "Tuning") failed');
    assert.equal(
      failure.message,
      'lesson 03-training did not execute: cell 4 of 4 (under "Tuning") failed\n    tune()\n    --- it printed ---\n    Error: no',
    );
  });

  it('says what happened when the kernel never said which cell failed', () => {
    const failure = lessonFailure('03-training', { ok: false, seconds: 0, failure: 'jupyter is not on PATH' });
    assert.equal(failure.message, 'lesson 03-training did not execute: jupyter is not on PATH');
    assert.equal(failure.summary, 'it did not execute');
  });
});
