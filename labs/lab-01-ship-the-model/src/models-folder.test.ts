import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { OWN_MODELS_DIR, servedModelsDir } from './models-folder';

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

  it("serves from the folder notebook 04's export cell writes (labs/lab-01-ship-the-model/models)", () => {
    const lesson = readFileSync(path.join(__dirname, '..', '..', '..', 'notebooks', 'src', '04-evaluation.md'), 'utf8');
    assert.match(
      lesson,
      /const modelsRoot = process\.env\.COURSE_MODELS_DIR \|\| path\.join\('labs', 'lab-01-ship-the-model', 'models'\);/,
    );
    assert.deepEqual(OWN_MODELS_DIR.split(path.sep).slice(-2), ['lab-01-ship-the-model', 'models']);
  });
});
