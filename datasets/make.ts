/**
 * `npm run datasets [-- --out DIR]`: builds the spam splits, the penguins table and the manifest.
 * Deterministic: the same packages give byte-identical files (no timestamps are written).
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildPenguins } from './penguins/build-penguins';
import { buildSpam } from './spam/build-spam';
import { buildShop } from './shop/build-shop';
import { DEFAULT_BUILD_DIR, toJsonl, writeFileWithStats } from './files';
import { parseCommandLine, UsageError } from '../grading/lib/usage';
import type { FileStats, Manifest, SpamSplit } from './types';

const SPLITS: readonly SpamSplit[] = ['train', 'validation', 'test', 'production'];

function spamStats(stats: FileStats, spam: number): FileStats {
  const share = stats.rows === 0 ? 0 : Math.round((spam / stats.rows) * 10000) / 10000;
  return { ...stats, spam, ham: stats.rows - spam, spam_share: share };
}

/**
 * Builds every dataset into `outDir`; the manifest is written last, so a build that stops half
 * way is seen as not built.
 *
 * @param log receives progress lines.
 * @returns the manifest that was written.
 */
export async function buildDatasets(outDir: string = DEFAULT_BUILD_DIR, log: (line: string) => void = () => {}): Promise<Manifest> {
  fs.rmSync(path.join(outDir, 'manifest.json'), { force: true });
  log('spam corpus:');
  const spam = await buildSpam(log);
  const files: Record<string, FileStats> = {};
  for (const split of SPLITS) {
    const rows = spam.splits[split];
    const stats = writeFileWithStats(path.join(outDir, 'spam', `${split}.jsonl`), toJsonl(rows), rows.length);
    files[`spam/${split}.jsonl`] = spamStats(stats, rows.filter((r) => r.label === 'spam').length);
  }
  const penguins = buildPenguins();
  const penguinsText = `[\n${penguins.rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;
  files['penguins.json'] = writeFileWithStats(path.join(outDir, 'penguins.json'), penguinsText, penguins.rows.length);
  log(`penguins: ${penguins.rows.length} rows`);
  const shop = buildShop(outDir, log);
  Object.assign(files, shop.files);
  const manifest: Manifest = { files, spam: spam.summary, penguins: penguins.summary, shop: shop.summary };
  fs.writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function report(manifest: Manifest, log: (line: string) => void): void {
  const d = manifest.spam.duplicates;
  const perGroup = Object.entries(d.per_group)
    .map(([g, n]) => `${g} ${n}`)
    .join(', ');
  log(`duplicates removed: ${d.removed} (${perGroup || 'none'}); with conflicting labels: ${d.label_conflicts.length}`);
  log(`malformed messages (excluded, listed in the manifest): ${manifest.spam.malformed.count}`);
  for (const [file, s] of Object.entries(manifest.files)) {
    const share = s.spam_share === undefined ? '' : `, spam share ${(s.spam_share * 100).toFixed(1)} %`;
    log(`  ${file}: ${s.rows} rows${share}`);
  }
}

const USAGE = 'usage: npm run datasets [-- --out DIR]';

function parseArgs(argv: readonly string[]): { out: string } {
  const { values } = parseCommandLine({ args: [...argv], options: { out: { type: 'string' } } }, USAGE);
  return { out: values.out === undefined ? DEFAULT_BUILD_DIR : path.resolve(values.out) };
}

async function main(): Promise<void> {
  const started = Date.now();
  const { out } = parseArgs(process.argv.slice(2));
  const manifest = await buildDatasets(out, (line) => console.log(line));
  report(manifest, (line) => console.log(line));
  console.log(`datasets written to ${path.relative(process.cwd(), out) || '.'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    if (err instanceof UsageError) console.error(`error: ${err.message}`);
    else console.error(`datasets build failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
