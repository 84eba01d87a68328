/**
 * Meta-tests: for every lab with a lab.json, grade a class of fixture submissions once (the
 * solution, the generated starter, the lab's faulty submissions, the generic hostile set, and
 * unsafe archives) and check the reports and that the grader's own files are untouched.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tar from 'tar';
import type { Results } from './harness/results';
import { gradeBatch } from './lib/batch';
import { buildLab, walk, writeLab } from './lib/build';
import { listLabs } from './lib/labs';
import { REPO_ROOT } from './harness/repo-root';
import { listSubmissions, type SubmissionEntry } from './lib/submissions';
import { listFaults, readFault, writeFault } from './lib/faulty';
import { writeHostile, type Hostile } from './fixtures/hostile';
import { pidsOfUid } from './sandbox/memory';
import { isRoot, sandboxUid } from './sandbox/isolation';

/**
 * Hash of every file in grading/ and the lab's own solutions/ and labs/ folders (other labs'
 * folders are left out so that work on them while the tests run cannot fail this lab; a
 * file written at the top of labs/ or solutions/ is checked by name).
 */
function hashTree(labId: string): string {
  const h = createHash('sha256');
  for (const top of ['grading', `solutions/${labId}`, `labs/${labId}`]) {
    const dir = path.join(REPO_ROOT, top);
    if (!fs.existsSync(dir)) continue;
    for (const rel of walk(dir, ['node_modules'])) h.update(`${top}/${rel}\0`).update(fs.readFileSync(path.join(dir, rel)));
  }
  return h.digest('hex');
}

/**
 * Pids still running as `uid` once they have had up to `boundMs` to go: a job SIGKILLs its
 * uid's processes as it ends, and a killed process takes a moment to leave /proc.
 */
async function stillRunning(uid: number, boundMs = 5000): Promise<number[]> {
  const deadline = Date.now() + boundMs;
  let pids = pidsOfUid(uid);
  while (pids.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    pids = pidsOfUid(uid);
  }
  return pids;
}

/**
 * The class in the order that ends the batch soonest: two lanes take the next submission as
 * they free up, so the longest (the hostile copies, which run to a time limit or grade the
 * whole solution, then the solution) go first and short ones fill in at the end.
 */
function longestFirst(entries: SubmissionEntry[]): SubmissionEntry[] {
  const rank = (id: string): number => (id.startsWith('hostile-') ? 0 : id === 'solution' ? 1 : 2);
  return [...entries].sort((a, b) => rank(a.id) - rank(b.id));
}

for (const lab of listLabs(path.join(REPO_ROOT, 'solutions'))) {
  describe(`grading ${lab.config.id} (meta)`, function () {
    // Ten minutes, or two whole-submission limits where one is long (lab 03: a first, uncached image build).
    this.timeout(Math.max(600_000, 2 * lab.config.timeouts.submission_s * 1000));
    const byId = new Map<string, Results>();
    let hostile = new Map<string, Hostile>();
    let hashBefore = '';
    let hashAfter = '';
    let connections = 0;
    let slots: number[] = [];
    const leftovers: number[] = [];
    let work = '';

    before(async () => {
      work = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-meta-'));
      const subs = path.join(work, 'in');
      fs.mkdirSync(subs);
      const server = net.createServer((s) => {
        connections++;
        s.destroy();
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const port = (server.address() as net.AddressInfo).port;
      for (const f of lab.config.files) fs.cpSync(path.join(lab.dir, f), path.join(subs, 'solution', f));
      writeLab(buildLab(lab), path.join(subs, 'starter'));
      for (const id of listFaults(lab)) writeFault(lab, id, path.join(subs, id));
      hostile = writeHostile(lab.config.id, lab.dir, lab.config.files, subs, port);
      await tar.c({ file: path.join(subs, 'invalid-absolute.tar.gz'), gzip: true, preservePaths: true, cwd: subs }, [
        path.join(subs, 'solution', lab.config.files[0]!),
      ]);
      fs.mkdirSync(path.join(subs, 'invalid-symlink'));
      fs.symlinkSync('/etc/passwd', path.join(subs, 'invalid-symlink', 'passwd'));
      hashBefore = hashTree(lab.config.id);
      // Looked for while each slot is still leased: once released, another grading run on the
      // machine may lease the same uid and start processes of its own.
      const beforeRelease = async (slot: number): Promise<void> => void leftovers.push(...(await stillRunning(sandboxUid(slot))));
      const { results, slots: used } = await gradeBatch({
        lab,
        entries: longestFirst(listSubmissions(subs).entries),
        outDir: path.join(work, 'out'),
        jobs: 2,
        isolation: 'process',
        beforeRelease,
      });
      for (const r of results) byId.set(r.extra_data.submission, r);
      slots = used;
      hashAfter = hashTree(lab.config.id);
      await new Promise<void>((r) => server.close(() => r()));
    });
    after(() => {
      // META_KEEP=DIR keeps each lab's class reports (DIR/<lab>/), to compare grading before and after a change.
      const keep = process.env.META_KEEP;
      if (keep) fs.cpSync(path.join(work, 'out'), path.join(path.resolve(keep), lab.config.id), { recursive: true });
      fs.rmSync(work, { recursive: true, force: true });
    });

    const get = (id: string): Results => {
      const r = byId.get(id);
      assert.ok(r, `no result for ${id}`);
      return r;
    };

    it('gives the solution full marks', () => {
      const r = get('solution');
      assert.equal(r.extra_data.status, 'graded');
      assert.equal(
        r.score,
        r.max_score,
        r.tests
          .filter((t) => t.score < t.max_score)
          .map((t) => `${t.name}: ${t.output}`)
          .join('\n'),
      );
      // Checks skipped on this machine (no Docker engine) count for neither score nor max.
      assert.equal(r.max_score + (r.extra_data.skipped_points ?? 0), lab.config.max_score, "lab.json max_score equals the checks' points");
    });
    it('gives the generated starter at most 10 %', () => {
      assert.ok(get('starter').score <= 0.1 * lab.config.max_score);
    });
    it('takes points off each faulty submission, within its declared range', () => {
      for (const id of listFaults(lab)) {
        const r = get(id);
        const want = readFault(lab, id);
        assert.ok(
          r.score < r.max_score && r.score >= want.min && r.score <= want.max,
          `${id} (${want.description}): ${r.score} not in [${want.min}, ${want.max}]`,
        );
      }
    });
    it('marks unsafe submissions invalid, with the reason', () => {
      assert.match(get('invalid-absolute').extra_data.incidents.join(), /absolute path/);
      assert.match(get('invalid-symlink').extra_data.incidents.join(), /symbolic link/);
      assert.equal(get('invalid-symlink').extra_data.status, 'invalid');
    });
    it('finishes the batch with the expected status for each hostile submission', () => {
      for (const [id, h] of hostile)
        assert.ok(h.statuses.includes(get(id).extra_data.status), `${id}: ${get(id).extra_data.status} ${get(id).output}`);
    });
    it('leaves the grader, solution and lab files unchanged, and nothing running', function () {
      if (!isRoot()) this.skip(); // without root the sandbox runs as the grader's user (see grading/README.md)
      assert.equal(hashAfter, hashBefore);
      for (const rel of ['grading/PWNED.txt', 'labs/PWNED.txt', 'solutions/PWNED.txt'])
        assert.ok(!fs.existsSync(path.join(REPO_ROOT, rel)), rel);
      // A lab without code files (a Dockerfile, YAML) runs no learner code: no hostile copies.
      if (hostile.size > 0) assert.equal(get('hostile-write-outside').score, lab.config.max_score);
      assert.equal(slots.length, 2);
      assert.deepEqual(leftovers, [], `processes left running under the sandbox uids of slots ${slots.join(', ')}`);
    });
    it('keeps the network and the instructor checks out of reach', function () {
      if (!isRoot()) this.skip();
      assert.equal(connections, 0);
      if (hostile.size === 0) return;
      assert.equal(get('hostile-network').score, lab.config.max_score);
      assert.equal(get('hostile-read-instructor').extra_data.status, 'graded');
    });
  });
}
