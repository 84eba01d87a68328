import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDatasets } from './make';
import { bodyKey } from './spam/dedupe';
import type { Manifest, SpamRow, SpamSplit } from './read';
import { SPAM_SPLITS, datasetsBuilt, ensureDatasets, readManifest, readPenguins, readSpamSplit } from './read';

// Two full builds for the whole file (about half a minute each), shared by every test below.
describe('npm run datasets (full corpus)', function () {
  this.timeout(600_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'datasets-build-'));
  const dirA = path.join(root, 'a');
  const dirB = path.join(root, 'b');
  let manifest: Manifest;
  let splits: Record<SpamSplit, SpamRow[]>;
  let ensured: boolean;

  before(async () => {
    manifest = await buildDatasets(dirA);
    ensured = await ensureDatasets({ dir: dirB });
    splits = Object.fromEntries(SPAM_SPLITS.map((s) => [s, readSpamSplit(s, dirA)])) as Record<SpamSplit, SpamRow[]>;
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('builds through ensureDatasets when missing, and then reports it built', async () => {
    assert.equal(ensured, true);
    assert.equal(datasetsBuilt(dirB), true);
    assert.equal(await ensureDatasets({ dir: dirB }), false);
  });

  it('gives byte-identical files in two builds', () => {
    for (const file of [...Object.keys(manifest.files), 'manifest.json']) {
      assert.ok(fs.readFileSync(path.join(dirA, file)).equals(fs.readFileSync(path.join(dirB, file))), `${file} differs`);
    }
  });

  it('puts no body in two splits', () => {
    const seen = new Map<string, SpamSplit>();
    for (const split of SPAM_SPLITS) {
      for (const row of splits[split]) {
        const other = seen.get(bodyKey(row.body));
        assert.ok(other === undefined || other === split, `${row.id} shares its body with a row in ${other}`);
        seen.set(bodyKey(row.body), split);
      }
    }
  });

  it('matches the manifest counts, sizes and checksums', () => {
    assert.deepEqual(readManifest(dirA), manifest);
    for (const split of SPAM_SPLITS) {
      const stats = manifest.files[`spam/${split}.jsonl`];
      const rows = splits[split];
      assert.ok(stats, `manifest has no entry for ${split}`);
      assert.equal(stats.rows, rows.length);
      assert.equal(stats.spam, rows.filter((r) => r.label === 'spam').length);
      assert.equal(stats.bytes, fs.statSync(path.join(dirA, 'spam', `${split}.jsonl`)).size);
    }
    const perGroup = Object.values(manifest.spam.messages_per_group).reduce((a, b) => a + b, 0);
    const rows = SPAM_SPLITS.reduce((n, s) => n + splits[s].length, 0);
    assert.equal(perGroup, 6046);
    assert.equal(rows + manifest.spam.duplicates.removed + manifest.spam.malformed.count, perGroup);
    assert.equal(manifest.spam.malformed.items.length, manifest.spam.malformed.count);
    assert.equal(Object.keys(manifest.spam.duplicates.ids).length, manifest.spam.duplicates.removed);
  });

  it('writes rows that follow the data contract', () => {
    for (const split of SPAM_SPLITS) {
      for (const r of splits[split]) {
        assert.equal(r.id.startsWith(`${r.group}/`), true, r.id);
        assert.equal(r.period, r.group.endsWith('-1') ? 1 : 2, r.id);
        assert.equal(r.label, r.group.startsWith('spam') ? 'spam' : 'ham', r.id);
        assert.equal(r.text, `${r.subject}\n\n${r.body}`, r.id);
        assert.ok(r.body.trim() !== '', `${r.id} has an empty body`);
        // Plain-text mail may quote HTML ("<snip>", code, a stray <br>); converted HTML must not
        // keep its document structure.
        if (r.is_html) assert.doesNotMatch(r.body, /<\/?(html|body|head|table|tr|td|div|font)[\s/>]/i, `${r.id} still has HTML tags`);
        assert.doesNotMatch(r.body, /^\s*<(html|!doctype|head|body)\b/i, `${r.id} is an unconverted HTML document`);
        assert.equal(
          r.date_plausible,
          r.date !== null && r.date >= manifest.spam.date_window.from && r.date <= manifest.spam.date_window.to,
          r.id,
        );
      }
    }
  });

  it('keeps period 1 out of production and period 2 out of the other splits', () => {
    assert.ok(splits.production.every((r) => r.period === 2 && (r.group === 'easy-ham-2' || r.group === 'spam-2')));
    for (const split of ['train', 'validation', 'test'] as const)
      assert.ok(
        splits[split].every((r) => r.period === 1),
        split,
      );
  });

  it('orders production by date, implausible dates last by id', () => {
    const rows = splits.production;
    const firstBad = rows.findIndex((r) => !r.date_plausible);
    assert.ok(firstBad > 0, 'the corpus has implausible dates in period 2');
    assert.ok(
      rows.slice(firstBad).every((r) => !r.date_plausible),
      'a plausible date after an implausible one',
    );
    for (let i = 1; i < firstBad; i++)
      assert.ok((rows[i - 1] as SpamRow).date! <= (rows[i] as SpamRow).date!, `out of order at ${rows[i]?.id}`);
    const badIds = rows.slice(firstBad).map((r) => r.id);
    assert.deepEqual(badIds, [...badIds].sort());
  });

  it('stratifies train/validation/test: spam share within one point', () => {
    const shares = (['train', 'validation', 'test'] as const).map(
      (s) => splits[s].filter((r) => r.label === 'spam').length / splits[s].length,
    );
    assert.ok(Math.max(...shares) - Math.min(...shares) <= 0.01, `spam shares ${shares.join(', ')}`);
    const sizes = (['train', 'validation', 'test'] as const).map((s) => splits[s].length);
    const total = sizes.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sizes[0]! / total - 0.7) < 0.005, `train share ${sizes[0]! / total}`);
  });

  it('writes the penguins with missing values kept and counted', () => {
    const penguins = readPenguins(dirA);
    assert.equal(penguins.length, 344);
    assert.equal(manifest.penguins.missing.sex, penguins.filter((p) => p.sex === null).length);
    assert.ok(manifest.penguins.missing.bodyMassG > 0);
  });
});
