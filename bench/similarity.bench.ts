/**
 * `npm run bench -- similarity`: the similarity report of a class of 100 lab-00 submissions
 * (the seeded class plus independent answers with a line of their own): unpacking and reading,
 * tokenising and comparing every pair, and writing the HTML. Bar: ≤ 60 s. Writes
 * bench/results/similarity.md.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveLab } from '../grading/lib/labs';
import { REPO_ROOT } from '../grading/harness/repo-root';
import { listSubmissions } from '../grading/lib/submissions';
import { writeSeededClass } from '../grading/term/seeded-class';
import { writeSimilarity } from '../grading/term/finish';

const SIZE = 100;
const BAR_S = 60;

async function main(): Promise<void> {
  const lab = resolveLab(path.join(REPO_ROOT, 'solutions'), 'lab-00');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-bench-similarity-'));
  try {
    const seeded = writeSeededClass(lab, path.join(work, 'class'), SIZE - 21);
    const entries = listSubmissions(seeded.dir).entries;
    const t0 = process.hrtime.bigint();
    const report = await writeSimilarity(work, lab, entries, 0.6);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const pairs = (report.submissions * (report.submissions - 1)) / 2;
    const lines = [
      '# Similarity report: speed',
      '',
      `Class of ${entries.length} submissions of ${lab.config.id} (${report.submissions} compared, ${report.left_out.length} left out as invalid), ${pairs} pairs, Node ${process.version}, ${os.cpus().length} cores.`,
      '',
      '| what | figure |',
      '|---|---|',
      `| whole report (unpack, read, tokenise, compare, HTML) | ${seconds.toFixed(1)} s (bar ${BAR_S} s) |`,
      `| per submission | ${((seconds / entries.length) * 1000).toFixed(0)} ms |`,
      `| flagged pairs at 0.6 | ${report.flagged.length} |`,
      `| HTML size | ${(fs.statSync(path.join(work, 'similarity.html')).size / 1024).toFixed(0)} KiB |`,
      '',
      "Most flagged pairs here are the bench's own copies of the four independent answers (each copied about 20 times, a line apart), so the report is the worst case: many flagged pairs, each with fragments.",
      '',
    ];
    fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, 'results', 'similarity.md'), lines.join('\n'));
    console.log(lines.join('\n'));
    if (seconds > BAR_S) throw new Error(`similarity report took ${seconds.toFixed(1)} s, over the ${BAR_S} s bar`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
