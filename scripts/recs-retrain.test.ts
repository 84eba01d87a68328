import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRecsService } from '../solutions/recs-service/main';

const ROOT = path.join(__dirname, '..');
const TOKEN = 'retrain-test-admin-token';

/** Runs `npm run recs:retrain -- …` (through tsx, as npm does) and collects its output. */
function retrain(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), path.join(__dirname, 'recs-retrain.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ADMIN_TOKEN: '' },
    });
    let stdout = '',
      stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run recs:retrain', function () {
  this.timeout(300_000);
  let modelsDir: string;
  before(() => {
    modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'recs-cli-'));
    fs.cpSync(path.join(ROOT, 'models', 'recs', '2010.5.0'), path.join(modelsDir, 'recs', '2010.5.0'), { recursive: true });
  });
  after(() => fs.rmSync(modelsDir, { recursive: true, force: true }));

  describe('with a bad argument', () => {
    // Each case is its own CLI run; they share nothing, so they run side by side.
    let runs: Record<'format' | 'range' | 'folder', Awaited<ReturnType<typeof retrain>>>;
    before(async () => {
      const [format, range, folder] = await Promise.all([
        retrain(['--month', '2010-6', '--models-dir', modelsDir]),
        retrain(['--month', '2010-12', '--models-dir', modelsDir]),
        retrain(['--month', '2010-06', '--models-dir', path.join(modelsDir, 'missing')]),
      ]);
      runs = { format, range, folder };
    });
    it('exits 2 on a month that is not YYYY-MM, printing the usage', () => {
      const r = runs.format;
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /--month: a month is written YYYY-MM/);
      assert.match(r.stderr, /usage: npm run recs:retrain/);
    });
    it('exits 2 on a month whose next month is not in the log, naming the months that are', () => {
      const r = runs.range;
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /the log covers 2010-01 to 2010-12.*choose 2010-01 … 2010-11/);
    });
    it('exits 2 on a models folder that does not exist', () => {
      const r = runs.folder;
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /models folder .*missing does not exist/);
    });
  });

  describe('against the running recommendation service', () => {
    let service: Awaited<ReturnType<typeof startRecsService>>;
    const serving = async (): Promise<string> =>
      ((await (await fetch(`${service.url}/models/current`)).json()) as { version: string }).version;
    before(async () => {
      service = await startRecsService(
        { PORT: '0', HOST: '127.0.0.1', MODELS_DIR: modelsDir, ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'silent' },
        { processMetrics: false },
      );
    });
    after(() => service.close());

    it('promotes June through the gate, writes the version and hot-swaps it, with a report and a record', async () => {
      assert.equal(await serving(), '2010.5.0');
      const r = await retrain(['--month', '2010-06', '--models-dir', modelsDir, '--service', service.url, '--token', TOKEN]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /current 2010\.5\.0 +0\.\d{4} \[0\.\d{4}, 0\.\d{4}\]/);
      assert.match(r.stdout, /gain \(paired\) +\+0\.\d{4} \[0\.\d{4}, 0\.\d{4}\]/);
      assert.match(r.stdout, /decision: promoted .*serving 2010\.6\.0/);
      assert.ok(fs.existsSync(path.join(modelsDir, 'recs', '2010.6.0', 'model.json')));
      assert.equal(await serving(), '2010.6.0');
      const records = fs
        .readFileSync(path.join(modelsDir, 'recs-retrain', 'runs.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      assert.deepEqual(
        records.map((x) => [x.kind, x.serving]),
        [
          ['retrain', '2010.6.0'],
          ['service', '2010.6.0'],
        ],
      );
    });
    it('rolls back on disk and on the service', async () => {
      const r = await retrain(['--rollback', '--models-dir', modelsDir, '--service', service.url, '--token', TOKEN]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /2010\.6\.0 taken back .* 2010\.5\.0 serves/);
      assert.equal(await serving(), '2010.5.0');
      assert.deepEqual(fs.readdirSync(path.join(modelsDir, 'recs')), ['2010.5.0']);
    });
    it('exits 1 when the service refuses the token, saying the folder is updated but the service did not swap', async () => {
      const r = await retrain([
        '--month',
        '2010-07',
        '--models-dir',
        modelsDir,
        '--service',
        service.url,
        '--token',
        'wrong-token-wrong-token',
      ]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /models folder is updated, but the service did not swap: .*403/);
      assert.equal(await serving(), '2010.5.0');
    });
    it('rolls back a service that has no rollback history left by loading the version before explicitly', async () => {
      // The run above left 2010.7.0 promoted on disk only; the service's own history is empty.
      const r = await retrain(['--rollback', '--models-dir', modelsDir, '--service', service.url, '--token', TOKEN]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /2010\.7\.0 taken back .* 2010\.5\.0 serves/);
      assert.match(r.stdout, /now serves 2010\.5\.0/);
      assert.equal(await serving(), '2010.5.0');
    });
  });
});
