/**
 * `npm run site`: the course as a static website, for readers without Jupyter. Executes the
 * solution notebooks and writes one page per lesson (outputs and interactive charts), the labs'
 * briefs and an index into `build/site/`. Exit code 0 when every lesson was built, 1 when one
 * failed (the rest are still written), 2 on a usage error.
 */
import * as path from 'node:path';
import { ensureDatasets } from '../datasets/read';
import { parseCommandLine, runCli } from '../grading/lib/cli';
import { jupyterAvailable } from './execute';
import { buildSite } from './site-build';

const USAGE = `usage: npm run site -- [--lessons LIST] [--out DIR] [--notebooks DIR]

Executes the solution notebooks in Jupyter and writes the course as a static site: one page per
lesson with its outputs and charts, the labs' briefs, and index.html. It works offline: open
index.html in a browser, or put the folder on any static host.

  --lessons LIST    only these lessons, comma-separated: 00,03 or 03-training (default: all)
  --out DIR         where to write the site (default: build/site)
  --notebooks DIR   the executed notebooks' folder (default: solutions/notebooks)
  -h, --help        print this and exit`;

const REPO_ROOT = path.resolve(__dirname, '..');

const OPTIONS = {
  lessons: { type: 'string' },
  out: { type: 'string', default: path.join(REPO_ROOT, 'build', 'site') },
  notebooks: { type: 'string', default: path.join(REPO_ROOT, 'solutions', 'notebooks') },
  help: { type: 'boolean', short: 'h' },
} as const;

async function main(): Promise<number> {
  const { values } = parseCommandLine({ args: process.argv.slice(2), options: OPTIONS }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!jupyterAvailable()) {
    console.error('✗ Jupyter (with nbclient) was not found: run npm start first, which installs it, then npm run site again');
    return 1;
  }
  await ensureDatasets({ log: (line) => console.log(line) });
  const lessons = (values.lessons ?? '').split(',').map((name) => name.trim());
  const outDir = path.resolve(values.out);
  const report = buildSite({
    title: 'Notebook to Production',
    notebooksDir: path.resolve(values.notebooks),
    labsDir: path.join(REPO_ROOT, 'labs'),
    outDir,
    lessons: lessons.filter((name) => name !== ''),
    log: (line) => console.log(line),
  });
  for (const failure of report.failures) console.error(`✗ ${failure.message}`);
  const built = report.pages.length - 1;
  console.log(`\nwrote ${built} pages and ${path.relative(process.cwd(), report.index) || report.index}; open it in a browser`);
  if (report.failures.length > 0) {
    console.error(
      `✗ ${report.failures.length} lesson(s) failed and are missing from the site: ${report.failures.map((f) => f.lesson).join(', ')}`,
    );
    return 1;
  }
  return 0;
}

runCli(main);
