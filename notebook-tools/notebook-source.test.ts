import assert from 'node:assert/strict';
import { parseNotebookSource, serializeNotebook, toNotebook } from './notebook-source';

describe('notebook sources', () => {
  describe('parseNotebookSource', () => {
    it('turns fenced ts blocks into code cells and the prose between them into markdown cells, each with the line its text starts on', () => {
      const cells = parseNotebookSource('# Title\n\nSome words.\n\n```ts\nconst x = 1;\n```\n\nMore words.\n');
      assert.deepEqual(cells, [
        { cell_type: 'markdown', text: '# Title\n\nSome words.', line: 1 },
        { cell_type: 'code', text: 'const x = 1;', line: 6 },
        { cell_type: 'markdown', text: 'More words.', line: 9 },
      ]);
    });

    it('splits prose at a cell marker', () => {
      const cells = parseNotebookSource('One\n<!-- cell -->\nTwo');
      assert.deepEqual(
        cells.map((c) => c.text),
        ['One', 'Two'],
      );
    });

    it('counts blank lines trimmed from a cell in its starting line', () => {
      const cells = parseNotebookSource('```ts\n\n\nconst x = 1;\n```\n<!-- cell -->\n\nTwo');
      assert.deepEqual(
        cells.map((c) => c.line),
        [4, 8],
      );
    });

    it('leaves fences of other languages inside the prose', () => {
      const cells = parseNotebookSource('Run:\n```bash\nnpm test\n```\n');
      assert.equal(cells.length, 1);
      assert.equal(cells[0].cell_type, 'markdown');
    });

    it('names the file and line of an unclosed code block', () => {
      assert.throws(
        () => parseNotebookSource('text\n```ts\nconst x = 1;\n', 'notebooks/src/00-x.md'),
        /00-x\.md:2: code block opened here is never closed/,
      );
    });
  });

  describe('toNotebook', () => {
    it('writes nbformat 4.5 for the course tslab kernel with stable cell ids and empty outputs', () => {
      const nb = toNotebook('# T\n```ts\nconst a = 1;\nconst b = 2;\n```');
      assert.equal(nb.nbformat, 4);
      assert.equal(nb.nbformat_minor, 5);
      assert.deepEqual(nb.metadata.kernelspec, { display_name: 'TypeScript (course)', language: 'typescript', name: 'tslab-course' });
      assert.deepEqual(
        nb.cells.map((c) => c.id),
        ['cell-000', 'cell-001'],
      );
      assert.deepEqual(nb.cells[1].source, ['const a = 1;\n', 'const b = 2;']);
      assert.deepEqual(nb.cells[1].outputs, []);
    });

    it('is byte-for-byte deterministic', () => {
      const src = '# T\n```ts\n1 + 1\n```';
      assert.equal(serializeNotebook(toNotebook(src)), serializeNotebook(toNotebook(src)));
    });
  });
});
