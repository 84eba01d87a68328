/**
 * `npm run grade:merge -- <out dirs…> --out DIR`: combine the output folders of several
 * shards into one grades.csv / summary (per-submission folders are copied over).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Results } from '../harness/results';
import { writeClassReports } from '../lib/batch';
import { parseCommandLine, runCli, UsageError } from '../lib/cli';

/** Every submission's results in the given shard output folders. */
export function readShard(dir: string): Results[] {
  const subs = path.join(dir, 'submissions');
  if (!fs.existsSync(subs)) throw new UsageError(`${dir} is not a grade output folder (no submissions/ in it)`);
  return fs
    .readdirSync(subs)
    .sort()
    .map((id) => {
      const file = path.join(subs, id, 'results.json');
      try {
        return JSON.parse(fs.readFileSync(file, 'utf8')) as Results;
      } catch (e) {
        throw new UsageError(`${file}: cannot read (${(e as Error).message})`);
      }
    });
}

/** Merges shard folders into `out`; a submission in two shards is an error. */
export function mergeShards(dirs: string[], out: string): Results[] {
  const all: Results[] = [];
  const seen = new Map<string, string>();
  for (const dir of dirs) {
    for (const r of readShard(dir)) {
      const id = r.extra_data.submission;
      if (seen.has(id)) throw new UsageError(`submission ${id} is in both ${seen.get(id)} and ${dir}`);
      seen.set(id, dir);
      all.push(r);
      if (path.resolve(dir) !== path.resolve(out))
        fs.cpSync(path.join(dir, 'submissions', id), path.join(out, 'submissions', id), { recursive: true });
    }
  }
  const labs = new Set(all.map((r) => r.extra_data.lab));
  if (labs.size > 1) throw new UsageError(`the folders hold different labs: ${[...labs].join(', ')}`);
  writeClassReports([...labs][0] ?? 'unknown', all, out);
  return all;
}

if (require.main === module) {
  runCli(() => {
    const { positionals, values } = parseCommandLine({
      args: process.argv.slice(2),
      options: { out: { type: 'string' } },
      allowPositionals: true,
    });
    const out = values.out;
    if (positionals.length === 0 || !out) throw new UsageError('usage: npm run grade:merge -- <out dirs…> --out DIR');
    const all = mergeShards(
      positionals.map((p) => path.resolve(p)),
      path.resolve(out),
    );
    console.log(`merged ${all.length} submission(s) from ${positionals.length} folder(s) into ${out}`);
    return 0;
  });
}
