import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UsageError } from '../grading/lib/usage';
import { notebookOf, serializeNotebook } from './notebook-source';
import { findLabs, findLessons, type Lesson, notebookTitle, selectLessons } from './site-contents';

const lesson = (name: string): Lesson => ({ number: name.slice(0, 2), name, file: `${name}.ipynb`, title: name });
const COURSE = ['00-what-is-a-model', '03-training', '10-more'].map(lesson);

describe('notebookTitle', () => {
  it("is the first markdown cell's level-1 heading, not a code comment or a subheading", () => {
    const notebook = notebookOf([
      { cell_type: 'code', text: '# not a heading\nconst x = 1;' },
      { cell_type: 'markdown', text: '## What you will learn' },
      { cell_type: 'markdown', text: 'Intro\n\n#  03 · Training  \n\n# Second' },
    ]);
    assert.equal(notebookTitle(notebook, 'fallback'), '03 · Training');
  });

  it('falls back when there is no level-1 heading', () => {
    assert.equal(notebookTitle(notebookOf([{ cell_type: 'markdown', text: '## Only a subheading' }]), '03-training'), '03-training');
  });
});

describe('findLessons', () => {
  it('lists NN-title notebooks in course order with their titles, and nothing else', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-lessons-'));
    try {
      const write = (name: string, heading: string) =>
        fs.writeFileSync(path.join(dir, name), serializeNotebook(notebookOf([{ cell_type: 'markdown', text: heading }])));
      write('01-second.ipynb', '# 01 · Second');
      write('00-first.ipynb', '# 00 · First');
      write('scratch.ipynb', '# Scratch');
      write('02-Bad-Name.ipynb', '# Bad');
      fs.writeFileSync(path.join(dir, '03-notes.md'), '# Notes');
      assert.deepEqual(
        findLessons(dir).map(({ number, name, title }) => ({ number, name, title })),
        [
          { number: '00', name: '00-first', title: '00 · First' },
          { number: '01', name: '01-second', title: '01 · Second' },
        ],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('selectLessons', () => {
  it('takes every lesson when none is named', () => {
    assert.deepEqual(selectLessons(COURSE, []), COURSE);
  });

  it('finds a lesson by 3, 03, nb-03 or its name, in course order whatever order they are asked in', () => {
    for (const name of ['3', '03', 'nb-03', '03-training']) assert.deepEqual(selectLessons(COURSE, [name]), [COURSE[1]], name);
    assert.deepEqual(selectLessons(COURSE, ['10', '00']), [COURSE[0], COURSE[2]]);
  });

  it('refuses a name that matches no lesson, listing the lessons there are', () => {
    assert.throws(
      () => selectLessons(COURSE, ['00', '42', 'training']),
      (e: unknown) =>
        e instanceof UsageError && e.message === 'no lesson "42", "training"; the lessons are: 00-what-is-a-model, 03-training, 10-more',
    );
  });
});

describe('findLabs', () => {
  it('lists labs with a brief and a lab.json, in order, titled by lab.json', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-labs-'));
    try {
      const lab = (id: string, files: Record<string, string>) => {
        fs.mkdirSync(path.join(dir, id));
        for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, id, name), text);
      };
      lab('lab-01-second', { 'README.md': '# Lab 01', 'lab.json': '{"title": "Lab 01 · Second"}' });
      lab('lab-00-first', { 'README.md': '# Lab 00', 'lab.json': '{}' });
      lab('lab-02-no-brief', { 'lab.json': '{"title": "Lab 02"}' });
      lab('notes', { 'README.md': '# Notes', 'lab.json': '{}' });
      assert.deepEqual(findLabs(dir), [
        { id: 'lab-00-first', title: 'lab-00-first', brief: '# Lab 00' },
        { id: 'lab-01-second', title: 'Lab 01 · Second', brief: '# Lab 01' },
      ]);
      assert.deepEqual(findLabs(path.join(dir, 'missing')), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
