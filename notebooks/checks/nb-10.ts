/**
 * Checks for the exercises of lesson 10 (Docker from zero). The checker cells of the lesson run
 * them: `grader.check('nb-10.1', dockerfileStages)`. None needs a Docker engine: they give your
 * functions Dockerfile texts, changed files and run options, and compare what comes back with
 * what `docker build` and `docker run` would do.
 */
import { satisfies, type ExerciseChecks } from '../../grading/exercises/check';
import { createGrader } from '../../grading/exercises/grader';

/** One stage of a Dockerfile: from a FROM line up to the next one. */
export interface Stage {
  /** The name after AS, in lower case, or null when the stage has none. */
  name: string | null;
  /** The image (or earlier stage) it starts FROM, with the ARGs declared before the first FROM filled in. */
  base: string;
  /** Its instructions as Docker reads them, FROM first: continuations joined, comments left out, whitespace runs as one space. */
  instructions: string[];
}
export interface Stages {
  stages: Stage[];
  /** Index of the stage `docker build` produces without `--target`: the last one. */
  final: number;
  /** The image the final stage starts from, following FROM <earlier stage> back to an image. */
  finalImage: string;
}
export type DockerfileStages = (text: string) => Stages;
export type FirstRebuilt = (instructions: string[], changed: string[]) => number | null;

/** What the service's container needs: the flags of `docker run`. */
export interface RunOptions {
  image: string;
  name: string;
  /** The port the service listens on inside the container, published on the same port of 127.0.0.1. */
  port: number;
  /** A named volume, mounted at `dataDir`, where the prediction log lives. */
  volume: string;
  dataDir: string;
  env: Record<string, string>;
  user: string;
}
export type DockerRunArgs = (options: RunOptions) => string[];

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

// ── nb-10.1 ────────────────────────────────────────────────────────────────────────────────────

type S = { dockerfileStages: DockerfileStages };

/** The part of a parse a check compares: names, bases, final stage and its image. */
export function summary(r: Stages): unknown {
  if (!r || !Array.isArray(r.stages)) return r;
  return { stages: r.stages.map((s) => ({ name: s?.name, base: s?.base })), final: r.final, finalImage: r.finalImage };
}

/** A check that `text` parses to exactly these stages (name and base), final stage and final image. */
export function parses(
  name: string,
  text: string,
  want: Omit<Stages, 'stages'> & { stages: Array<Omit<Stage, 'instructions'>> },
  hint: string,
) {
  return satisfies<S, unknown>(name, {
    got: (f) => summary(f.dockerfileStages(text)),
    test: (r) => show(r) === show(want),
    expected: show(want),
    show,
    hint,
  });
}

/** A check that stage `index` of `text` holds exactly these instructions. */
export function instructionsAre(name: string, text: string, index: number, want: string[], hint: string) {
  return satisfies<S, unknown>(name, {
    got: (f) => {
      const r = f.dockerfileStages(text);
      return r && Array.isArray(r.stages) && r.stages[index] ? r.stages[index]!.instructions : r;
    },
    test: (r) => show(r) === show(want),
    expected: show(want),
    show,
    hint,
  });
}

/** Two stages, as the course's Dockerfile has them: comments, continuations, AS in capitals. */
export const COURSE_LIKE = [
  '# The spam API as a container image.',
  'FROM node:20-bookworm-slim AS build',
  '# python3, make and g++ compile better-sqlite3',
  'RUN apt-get update \\',
  ' && apt-get install -y --no-install-recommends python3 make g++ \\',
  ' && rm -rf /var/lib/apt/lists/*',
  'WORKDIR /app',
  'COPY package.json package-lock.json ./',
  'RUN npm ci',
  '',
  'FROM node:20-bookworm-slim AS runtime',
  'WORKDIR /app',
  'COPY --from=build /app/dist ./dist',
  'USER node',
  'CMD ["node", "dist/solutions/service/main.js"]',
].join('\n');

/** An ARG picks the Node version; lower-case `as`; a test stage built on another stage; the last stage unnamed. */
export const ARG_AND_LOWERCASE = [
  'ARG NODE=20',
  'FROM node:${NODE}-bookworm-slim as deps',
  'RUN npm ci',
  'FROM deps AS test',
  'RUN npm test',
  'FROM node:$NODE-bookworm-slim',
  'COPY --from=deps /app/node_modules ./node_modules',
].join('\n');

const stagesChecks: ExerciseChecks<S> = {
  id: 'nb-10.1',
  section: 'Reading a Dockerfile: stages',
  uses: ['dockerfileStages'],
  checks: [
    parses(
      "two named stages, like the course's Dockerfile",
      COURSE_LIKE,
      {
        stages: [
          { name: 'build', base: 'node:20-bookworm-slim' },
          { name: 'runtime', base: 'node:20-bookworm-slim' },
        ],
        final: 1,
        finalImage: 'node:20-bookworm-slim',
      },
      'a stage starts at each FROM: FROM <base> AS <name>; the last stage is the final one',
    ),
    instructionsAre(
      'the build stage reads as Docker reads it: comments out, continuations joined',
      COURSE_LIKE,
      0,
      [
        'FROM node:20-bookworm-slim AS build',
        'RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*',
        'WORKDIR /app',
        'COPY package.json package-lock.json ./',
        'RUN npm ci',
      ],
      'drop lines that start with # first, then join a line ending in \\ with the next, then collapse whitespace runs to one space',
    ),
    parses(
      'an ARG-defined base, lower-case as, and a stage built FROM another stage',
      ARG_AND_LOWERCASE,
      {
        stages: [
          { name: 'deps', base: 'node:20-bookworm-slim' },
          { name: 'test', base: 'deps' },
          { name: null, base: 'node:20-bookworm-slim' },
        ],
        final: 2,
        finalImage: 'node:20-bookworm-slim',
      },
      'Docker keywords are case-insensitive (as = AS); an ARG before the first FROM fills $NAME and ${NAME} in FROM lines',
    ),
    parses(
      'the final stage starts FROM an earlier stage: follow it back to an image',
      'FROM debian:bookworm-slim AS base\nRUN apt-get update\nFROM base AS app\nCOPY . .',
      {
        stages: [
          { name: 'base', base: 'debian:bookworm-slim' },
          { name: 'app', base: 'base' },
        ],
        final: 1,
        finalImage: 'debian:bookworm-slim',
      },
      "finalImage is an image, not a stage name: when the last base names an earlier stage, take that stage's base",
    ),
  ],
};

// ── nb-10.2 ────────────────────────────────────────────────────────────────────────────────────

type R = { firstRebuilt: FirstRebuilt };

/** A check that a change to `changed` makes Docker rerun `instructions` from index `want` on (null: all cached). */
export function rebuildsFrom(name: string, instructions: string[], changed: string[], want: number | null, hint: string) {
  return satisfies<R, number | null>(name, {
    got: (f) => f.firstRebuilt(instructions.slice(), changed.slice()),
    test: (r) => r === want,
    expected: want === null ? 'null (every step from the cache)' : `${want} (${instructions[want]})`,
    show: (r) => (typeof r === 'number' && instructions[r] !== undefined ? `${r} (${instructions[r]})` : show(r)),
    hint,
  });
}

/** The lesson's small image: dependencies first, then the code. */
export const SMALL_IMAGE = [
  'FROM node:20-bookworm-slim',
  'WORKDIR /app',
  'COPY package.json ./',
  'RUN npm install --omit=dev --offline --no-audit --no-fund',
  'COPY server.js ./',
  'RUN mkdir -p /app/data && chown node:node /app/data',
  'USER node',
  'CMD ["node", "server.js"]',
];

/** The same image written the naive way: everything copied before the install. */
export const NAIVE_ORDER = [
  'FROM node:20-bookworm-slim',
  'WORKDIR /app',
  'COPY . .',
  'RUN npm install --omit=dev --offline --no-audit --no-fund',
  'USER node',
  'CMD ["node", "server.js"]',
];

const rebuildChecks: ExerciseChecks<R> = {
  id: 'nb-10.2',
  section: 'Layers and the build cache',
  uses: ['firstRebuilt'],
  checks: [
    rebuildsFrom(
      'editing server.js reruns from COPY server.js: the install stays cached',
      SMALL_IMAGE,
      ['server.js'],
      4,
      'only COPY and ADD read the build context: find the first one whose sources include a changed file',
    ),
    rebuildsFrom(
      'editing package.json reruns from COPY package.json',
      SMALL_IMAGE,
      ['package.json'],
      2,
      'a COPY source is every word after COPY except the last one, which is the destination',
    ),
    rebuildsFrom(
      'a file no COPY reads changes nothing',
      SMALL_IMAGE,
      ['README.md'],
      null,
      'return null when no COPY or ADD source covers a changed file',
    ),
    rebuildsFrom(
      'COPY . . reads every file: in the naive order any edit reruns the install',
      NAIVE_ORDER,
      ['server.js'],
      2,
      'a source of . (or ./) is the whole build context',
    ),
    rebuildsFrom(
      'a file inside a copied folder counts: mlkit/text/tokenize.ts is under COPY mlkit mlkit',
      ['FROM node:20-bookworm-slim AS build', 'COPY package.json package-lock.json ./', 'RUN npm ci', 'COPY mlkit mlkit', 'RUN npx tsc'],
      ['mlkit/text/tokenize.ts'],
      3,
      'a folder source covers every file below it: the changed path starts with the source followed by /',
    ),
  ],
};

// ── nb-10.3 ────────────────────────────────────────────────────────────────────────────────────

type D = { dockerRunArgs: DockerRunArgs };

const VALUE_FLAGS: Record<string, string> = {
  '-p': 'publish',
  '--publish': 'publish',
  '-v': 'volume',
  '--volume': 'volume',
  '-e': 'env',
  '--env': 'env',
  '-u': 'user',
  '--user': 'user',
  '--name': 'name',
};
const BOOLEAN_FLAGS: Record<string, string> = { '--init': 'init', '-d': 'detach', '--detach': 'detach', '--rm': 'rm' };

/** What a `docker run` argument list asks for, read as Docker reads it; `error` when it cannot be read. */
export interface ParsedRun {
  error?: string;
  options: Record<string, string[]>;
  image?: string;
  command: string[];
}

/** Reads `run [options] IMAGE [COMMAND…]`: options stop at the first word that is not one, the image. */
export function parseRun(args: unknown): ParsedRun {
  const options: Record<string, string[]> = {};
  if (!Array.isArray(args) || args.some((a) => typeof a !== 'string')) return { error: 'not an array of strings', options, command: [] };
  if (args[0] !== 'run') return { error: `the first word is ${show(args[0])}, not "run"`, options, command: [] };
  let i = 1;
  const add = (key: string, value: string): void => {
    (options[key] = options[key] || []).push(value);
  };
  while (i < args.length && (args[i] as string).startsWith('-')) {
    const word = args[i] as string;
    const eq = word.indexOf('=');
    const flag = eq > 0 ? word.slice(0, eq) : word;
    if (VALUE_FLAGS[flag]) {
      const value = eq > 0 ? word.slice(eq + 1) : (args[i + 1] as string | undefined);
      if (value === undefined) return { error: `${flag} has no value`, options, command: [] };
      add(VALUE_FLAGS[flag]!, value);
      i += eq > 0 ? 1 : 2;
    } else {
      add(BOOLEAN_FLAGS[flag] || flag, 'true');
      i += 1;
    }
  }
  return { options, image: args[i] as string | undefined, command: args.slice(i + 1) as string[] };
}

/** A check of one part of `docker run`: `read` picks the part out of the parsed arguments. */
export function runPart(name: string, options: RunOptions, read: (p: ParsedRun) => unknown, want: unknown, hint: string) {
  return satisfies<D, unknown>(name, {
    got: (f) => {
      const p = parseRun(f.dockerRunArgs(JSON.parse(JSON.stringify(options)) as RunOptions));
      return p.error ? `unreadable: ${p.error}` : read(p);
    },
    test: (r) => show(r) === show(want),
    expected: show(want),
    show,
    hint,
  });
}

export const SERVICE: RunOptions = {
  image: 'notebook-to-production/spam-api:latest',
  name: 'spam-api',
  port: 3000,
  volume: 'predictions',
  dataDir: '/app/data',
  env: { LOG_LEVEL: 'info', MODEL_NAME: 'spam' },
  user: 'node',
};

const runChecks: ExerciseChecks<D> = {
  id: 'nb-10.3',
  section: 'Running it: ports, volumes, environment',
  uses: ['dockerRunArgs'],
  checks: [
    runPart(
      'run, the options, then the image last (words after the image are its command)',
      SERVICE,
      (p) => ({ image: p.image, command: p.command }),
      { image: SERVICE.image, command: [] },
      'start with "run", put every option before the image, and nothing after it',
    ),
    runPart(
      'the port is published on 127.0.0.1 only',
      SERVICE,
      (p) => p.options['publish'],
      ['127.0.0.1:3000:3000'],
      'publish as 127.0.0.1:PORT:PORT — a bare PORT:PORT listens on every network interface of the machine',
    ),
    runPart(
      'the prediction log lives on the named volume',
      SERVICE,
      (p) => p.options['volume'],
      ['predictions:/app/data'],
      'mount the volume as -v VOLUME:DATA_DIR',
    ),
    runPart(
      'each environment variable is its own -e NAME=value',
      SERVICE,
      (p) => (p.options['env'] || []).slice().sort(),
      ['LOG_LEVEL=info', 'MODEL_NAME=spam'],
      'one -e per entry of options.env, written NAME=value',
    ),
    runPart(
      'an init as PID 1, an unprivileged user, a name, in the background',
      SERVICE,
      (p) => ({ init: p.options['init'], user: p.options['user'], name: p.options['name'], detach: p.options['detach'] }),
      { init: ['true'], user: ['node'], name: ['spam-api'], detach: ['true'] },
      'add --init, --user USER, --name NAME and --detach (or -d)',
    ),
  ],
};

/** The public checks, by exercise; hidden ones (other inputs, edges) are the grader's. */
export const exercises = [stagesChecks, rebuildChecks, runChecks];

export const grader = createGrader('notebooks/checks/nb-10.ts', exercises);
