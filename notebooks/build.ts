/**
 * `npm run notebooks:build`: regenerates every `notebooks/NN-title.ipynb` from
 * `notebooks/src/NN-title.md`. `--check` only reports stale notebooks (exit 1).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serializeNotebook, toNotebook } from './notebook-source';

export const NOTEBOOKS_DIR = __dirname;
export const SOURCES_DIR = path.join(__dirname, 'src');

export interface NotebookPlan {
  source: string;
  target: string;
  content: string;
}

/** Every notebook the sources describe, with the exact content its `.ipynb` must have. */
export function planNotebooks(): NotebookPlan[] {
  return fs
    .readdirSync(SOURCES_DIR)
    .filter((name) => /^\d\d-[a-z0-9-]+\.md$/.test(name))
    .sort()
    .map((name) => {
      const source = path.join(SOURCES_DIR, name);
      const content = serializeNotebook(toNotebook(fs.readFileSync(source, 'utf8'), `notebooks/src/${name}`));
      return { source, target: path.join(NOTEBOOKS_DIR, name.replace(/\.md$/, '.ipynb')), content };
    });
}

/** The plans whose `.ipynb` is missing or differs from what its source generates. */
export function staleNotebooks(plans = planNotebooks()): NotebookPlan[] {
  return plans.filter((p) => !fs.existsSync(p.target) || fs.readFileSync(p.target, 'utf8') !== p.content);
}

function main(): void {
  const check = process.argv.includes('--check');
  const stale = staleNotebooks();
  if (check) {
    for (const p of stale) console.error(`stale: ${path.relative(process.cwd(), p.target)} (run npm run notebooks:build)`);
    process.exit(stale.length ? 1 : 0);
  }
  for (const p of stale) {
    fs.writeFileSync(p.target, p.content);
    console.log(`wrote ${path.relative(process.cwd(), p.target)}`);
  }
  if (!stale.length) console.log('notebooks are up to date');
}

if (require.main === module) main();
