import assert from 'node:assert/strict';
import ts from 'typescript';
import { combine, tokenize } from './tokens';

const tok = (text: string): string[] => tokenize(combine('x', new Map([['a.ts', text]]))).tokens;

describe('similarity tokens', () => {
  it('are the same after renaming, reformatting and new comments', () => {
    assert.deepEqual(
      tok('function f(a: number) { return a + 1; }'),
      tok('// mine\nfunction   g(count: number) {\n  /* add */ return count + 2;\n}'),
    );
  });
  it('differ when the code does something else', () => {
    assert.notDeepEqual(tok('function f(a: number) { return a + 1; }'), tok('function f(a: number) { return a >= 1 ? 1 : 0; }'));
  });
  it('keep where each token came from, per file, in the combined text', () => {
    const s = combine(
      'x',
      new Map([
        ['a.ts', 'const a = 1;'],
        ['b.ts', '\nlet b = 2;'],
      ]),
    );
    const t = tokenize(s);
    assert.deepEqual(
      s.spans.map((f) => [f.file, f.firstRow]),
      [
        ['a.ts', 0],
        ['b.ts', 1],
      ],
    );
    assert.equal(t.mapping[t.tokens.lastIndexOf(ts.SyntaxKind[ts.SyntaxKind.VariableStatement])]!.startRow, 2);
  });
});
