import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { servedModelsDir } from './models-folder';

describe('servedModelsDir', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'lab01-served-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const reference = (): string => path.join(root, 'reference');
  const own = (): string => path.join(root, 'own');

  it("serves the learner's folder when it holds a version with its metadata.json", () => {
    mkdirSync(path.join(own(), 'spam', '0.4.0'), { recursive: true });
    writeFileSync(path.join(own(), 'spam', '0.4.0', 'metadata.json'), '{}');
    assert.equal(servedModelsDir(reference(), 'spam', own()), own());
  });

  it('falls back to the reference when the learner has no models folder (a fresh clone)', () => {
    assert.equal(servedModelsDir(reference(), 'spam', own()), reference());
  });

  it('falls back to the reference when the folder holds no version: an empty version folder, notes, another model', () => {
    mkdirSync(path.join(own(), 'spam', '0.4.0'), { recursive: true });
    mkdirSync(path.join(own(), 'spam', 'notes'), { recursive: true });
    writeFileSync(path.join(own(), 'spam', 'notes', 'metadata.json'), '{}');
    mkdirSync(path.join(own(), 'other', '1.0.0'), { recursive: true });
    writeFileSync(path.join(own(), 'other', '1.0.0', 'metadata.json'), '{}');
    assert.equal(servedModelsDir(reference(), 'spam', own()), reference());
  });
});
