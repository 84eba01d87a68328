/**
 * Lesson 10's checks, public and hidden, hold a right answer to ✓ and each typical wrong one to
 * at least one ✗ — a check that cannot fail would let a wrong solution through.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../../grading/harness/repo-root';
import * as shown from '../../../notebooks/checks/nb-10';
import type { DockerfileStages, DockerRunArgs, FirstRebuilt, Stage } from '../../../notebooks/checks/nb-10';
import * as hidden from './nb-10';
import { assertStubFailsEveryCheck, failuresIn } from './meta';

type StagesMistake =
  | 'none'
  | 'case-sensitive-as'
  | 'no-continuations'
  | 'comments-after-join'
  | 'no-args'
  | 'args-everywhere'
  | 'flag-as-base'
  | 'final-is-stage-name'
  | 'no-throw';

/** The answer, with switches for common mistakes. */
function dockerfileStages(mistake: StagesMistake = 'none'): DockerfileStages {
  return (text) => {
    const dropComments = (lines: string[]) => lines.filter((l) => !/^\s*#/.test(l));
    const joined = mistake === 'no-continuations' ? text.replace(/\r?\n/g, '\n') : null;
    let logical: string[];
    if (joined !== null) logical = dropComments(joined.split('\n'));
    else if (mistake === 'comments-after-join') logical = dropComments(text.replace(/\\[ \t]*\r?\n/g, ' ').split(/\r?\n/));
    else
      logical = dropComments(text.split(/\r?\n/))
        .join('\n')
        .replace(/\\[ \t]*\n/g, ' ')
        .split('\n');
    logical = logical.map((l) => l.replace(/\s+/g, ' ').trim()).filter((l) => l !== '');
    const args: Record<string, string> = {};
    const stages: Stage[] = [];
    for (const line of logical) {
      const words = line.split(' ');
      const keyword = words[0]!.toUpperCase();
      if (keyword === 'FROM') {
        const rest = mistake === 'flag-as-base' ? words.slice(1) : words.slice(1).filter((w) => !w.startsWith('--'));
        const base = mistake === 'no-args' ? rest[0]! : rest[0]!.replace(/\$\{?(\w+)\}?/g, (whole, name: string) => args[name] ?? whole);
        const as = mistake === 'case-sensitive-as' ? rest[1] === 'AS' : rest[1]?.toUpperCase() === 'AS';
        stages.push({ name: as ? rest[2]!.toLowerCase() : null, base, instructions: [line] });
        continue;
      }
      if (keyword === 'ARG' && words[1]?.includes('=') && (stages.length === 0 || mistake === 'args-everywhere')) {
        args[words[1].split('=')[0]!] = words[1].slice(words[1].indexOf('=') + 1);
      }
      if (stages.length > 0) stages[stages.length - 1]!.instructions.push(line);
    }
    if (stages.length === 0) {
      if (mistake === 'no-throw') return { stages: [], final: -1, finalImage: '' };
      throw new Error('no FROM instruction');
    }
    let finalImage = stages[stages.length - 1]!.base;
    if (mistake !== 'final-is-stage-name') {
      for (let i = stages.length - 1; i >= 0; i--) if (stages[i]!.name === finalImage.toLowerCase()) finalImage = stages[i]!.base;
    }
    return { stages, final: stages.length - 1, finalImage };
  };
}

type RebuiltMistake =
  | 'none'
  | 'no-boundary'
  | 'glob-crosses-slash'
  | 'destination-counts'
  | 'from-counts'
  | 'no-dot'
  | 'last-match'
  | 'run-counts';

function firstRebuilt(mistake: RebuiltMistake = 'none'): FirstRebuilt {
  return (instructions, changed) => {
    const covers = (source: string, file: string): boolean => {
      const folder = source.replace(/^\.(?=\/|$)/, '').replace(/^\/+|\/+$/g, '');
      if (folder === '') return mistake !== 'no-dot';
      const star = mistake === 'glob-crosses-slash' ? '.*' : '[^/]*';
      const pattern = folder
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join(star);
      return new RegExp(`^${pattern}${mistake === 'no-boundary' ? '' : '(/|$)'}`).test(file);
    };
    let found: number | null = null;
    for (let i = 0; i < instructions.length; i++) {
      const words = instructions[i]!.trim().split(/\s+/);
      const keyword = words[0]!.toUpperCase();
      if (mistake === 'run-counts' && keyword === 'RUN' && changed.length > 0) return i;
      if (!['COPY', 'ADD'].includes(keyword)) continue;
      if (mistake !== 'from-counts' && words.some((w) => w.startsWith('--from'))) continue;
      const sources = (mistake === 'destination-counts' ? words.slice(1) : words.slice(1, -1)).filter((w) => !w.startsWith('--'));
      if (sources.some((s) => changed.some((f) => covers(s, f)))) {
        if (mistake !== 'last-match') return i;
        found = i;
      }
    }
    return found;
  };
}

type RunMistake = 'none' | 'all-interfaces' | 'no-init' | 'image-first' | 'quoted-env' | 'fixed-port' | 'env-in-one' | 'no-user';

function dockerRunArgs(mistake: RunMistake = 'none'): DockerRunArgs {
  return (o) => {
    const env = Object.entries(o.env).flatMap(([k, v]) => ['-e', mistake === 'quoted-env' && /\s/.test(v) ? `${k}="${v}"` : `${k}=${v}`]);
    const port = mistake === 'fixed-port' ? 3000 : o.port;
    const options = [
      '--detach',
      '--name',
      o.name,
      ...(mistake === 'no-init' ? [] : ['--init']),
      ...(mistake === 'no-user' ? [] : ['--user', o.user]),
      '-p',
      mistake === 'all-interfaces' ? `${port}:${port}` : `127.0.0.1:${port}:${port}`,
      '-v',
      `${o.volume}:${o.dataDir}`,
      ...(mistake === 'env-in-one'
        ? Object.keys(o.env).length > 0
          ? [
              '-e',
              Object.entries(o.env)
                .map(([k, v]) => `${k}=${v}`)
                .join(','),
            ]
          : []
        : env),
    ];
    return mistake === 'image-first' ? ['run', o.image, ...options] : ['run', ...options, o.image];
  };
}

const failures = failuresIn(shown.exercises, hidden.exercises);

describe('lesson 10 exercise checks', () => {
  it('every public and hidden check passes on a right answer', () => {
    assert.deepEqual(failures('nb-10.1', { dockerfileStages: dockerfileStages() }), []);
    assert.deepEqual(failures('nb-10.2', { firstRebuilt: firstRebuilt() }), []);
    assert.deepEqual(failures('nb-10.3', { dockerRunArgs: dockerRunArgs() }), []);
  });

  it("the answer reads the course's Dockerfile: build then runtime, both on the base image", () => {
    const parsed = dockerfileStages()(fs.readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8'));
    assert.deepEqual(
      parsed.stages.map((s) => s.name),
      ['build', 'runtime'],
    );
    assert.equal(parsed.finalImage, 'node:20-bookworm-slim');
    const build = parsed.stages[0]!.instructions;
    const npm = build.findIndex((l) => l.startsWith('RUN npm ci'));
    const rebuilt = firstRebuilt()(build, ['mlkit/text/tokenize.ts']);
    assert.ok(rebuilt !== null && rebuilt > npm, `a change in mlkit/ reruns from step ${rebuilt}, the install is step ${npm}`);
  });

  for (const mistake of [
    'case-sensitive-as',
    'no-continuations',
    'comments-after-join',
    'no-args',
    'args-everywhere',
    'flag-as-base',
    'final-is-stage-name',
    'no-throw',
  ] as const) {
    it(`nb-10.1 catches a reader with the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-10.1', { dockerfileStages: dockerfileStages(mistake) }).length > 0);
    });
  }

  for (const mistake of [
    'no-boundary',
    'glob-crosses-slash',
    'destination-counts',
    'from-counts',
    'no-dot',
    'last-match',
    'run-counts',
  ] as const) {
    it(`nb-10.2 catches a rebuild rule with the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-10.2', { firstRebuilt: firstRebuilt(mistake) }).length > 0);
    });
  }

  for (const mistake of ['all-interfaces', 'no-init', 'image-first', 'quoted-env', 'fixed-port', 'env-in-one', 'no-user'] as const) {
    it(`nb-10.3 catches run arguments with the mistake "${mistake}"`, () => {
      assert.ok(failures('nb-10.3', { dockerRunArgs: dockerRunArgs(mistake) }).length > 0);
    });
  }

  it('the public checks alone catch the mistakes the lesson warns about', () => {
    assert.ok(failures('nb-10.1', { dockerfileStages: dockerfileStages('case-sensitive-as') }, shown.exercises).length > 0);
    assert.ok(failures('nb-10.2', { firstRebuilt: firstRebuilt('no-dot') }, shown.exercises).length > 0);
    assert.ok(failures('nb-10.3', { dockerRunArgs: dockerRunArgs('all-interfaces') }, shown.exercises).length > 0);
  });

  it('reads docker run arguments as Docker does: --flag=value, options before the image, the command after it', () => {
    const p = shown.parseRun(['run', '--name=api', '-d', '-p', '127.0.0.1:1:1', 'img', 'node', '-e', 'x']);
    assert.deepEqual(p.options, { name: ['api'], detach: ['true'], publish: ['127.0.0.1:1:1'] });
    assert.equal(p.image, 'img');
    assert.deepEqual(p.command, ['node', '-e', 'x']);
    assert.match(shown.parseRun(['create', 'img']).error ?? '', /not "run"/);
    assert.match(shown.parseRun(['run', '-e']).error ?? '', /-e has no value/);
  });

  it('a stub fails every check with its own hint', () => {
    for (const [i, id, fn] of [
      [0, 'nb-10.1', 'dockerfileStages'],
      [1, 'nb-10.2', 'firstRebuilt'],
      [2, 'nb-10.3', 'dockerRunArgs'],
    ] as const) {
      assertStubFailsEveryCheck(failures, id, fn, shown.exercises[i]!.checks.length + hidden.exercises[i]!.checks.length);
    }
  });
});
