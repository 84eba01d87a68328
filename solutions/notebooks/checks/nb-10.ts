/**
 * Hidden checks for lesson 10's exercises: other Dockerfiles and options than the lesson's, and
 * the edges (a chain of stages, flags on FROM, a comment inside a continuation, CRLF endings, an
 * ARG inside a stage, a text with no FROM; a glob that must not cross "/", a folder name that is
 * only a prefix, a destination that is not a source, COPY --from; another port, a value with
 * spaces and "=", no environment at all).
 *
 * Left out on purpose: the JSON form of COPY (`COPY ["a b", "./"]`) and `${NAME:-default}`
 * substitutions — real, but each a parser of its own, not the idea the exercises teach.
 */
import { satisfies, type ExerciseChecks } from '../../../grading/exercises/check';
import {
  type DockerfileStages,
  type DockerRunArgs,
  type FirstRebuilt,
  parses,
  instructionsAre,
  rebuildsFrom,
  runPart,
  SERVICE,
} from '../../../notebooks/checks/nb-10';

type S = { dockerfileStages: DockerfileStages };

const stagesChecks: ExerciseChecks<S> = {
  id: 'nb-10.1',
  section: 'Reading a Dockerfile: stages',
  uses: ['dockerfileStages'],
  checks: [
    parses(
      'a chain of three stages: the final image is found through two stage names',
      'FROM python:3.12-slim AS a\nFROM a AS b\nRUN true\nfrom b\nRUN true',
      {
        stages: [
          { name: 'a', base: 'python:3.12-slim' },
          { name: 'b', base: 'a' },
          { name: null, base: 'b' },
        ],
        final: 2,
        finalImage: 'python:3.12-slim',
      },
      'follow the base back through every stage name until it names no stage',
    ),
    parses(
      'flags before the image (--platform=…) are not the base; a stage name written in capitals is lower-cased',
      'FROM --platform=$BUILDPLATFORM golang:1.22 As Builder\nRUN go build\nFROM scratch\nCOPY --from=builder /out /app',
      {
        stages: [
          { name: 'builder', base: 'golang:1.22' },
          { name: null, base: 'scratch' },
        ],
        final: 1,
        finalImage: 'scratch',
      },
      'skip words starting with -- after FROM; compare AS in any case and lower-case the name',
    ),
    parses(
      'an ARG declared inside a stage does not change a later FROM',
      'ARG V=1\nFROM img:$V AS a\nARG V=2\nFROM img:${V}',
      {
        stages: [
          { name: 'a', base: 'img:1' },
          { name: null, base: 'img:1' },
        ],
        final: 1,
        finalImage: 'img:1',
      },
      'only ARGs before the first FROM are used in FROM lines; an ARG after it belongs to its stage',
    ),
    parses(
      'an ARG without a default leaves the reference as written',
      'ARG BASE\nFROM ${BASE}',
      { stages: [{ name: null, base: '${BASE}' }], final: 0, finalImage: '${BASE}' },
      'substitute only the ARGs that have a value (ARG NAME=value)',
    ),
    instructionsAre(
      'a comment inside a continuation, CRLF line endings, indentation and tabs',
      'FROM node:20 AS build\r\nRUN apt-get update \\\r\n# a note between the lines\r\n    &&\tapt-get install -y g++\r\n  COPY  . .\r\n',
      0,
      ['FROM node:20 AS build', 'RUN apt-get update && apt-get install -y g++', 'COPY . .'],
      'remove comment lines before joining continuations; accept \\r\\n line endings; collapse spaces and tabs',
    ),
    parses(
      'lower-case as on the course Dockerfile shape',
      'from node:20-bookworm-slim as build\nrun npm ci\nfrom node:20-bookworm-slim as runtime',
      {
        stages: [
          { name: 'build', base: 'node:20-bookworm-slim' },
          { name: 'runtime', base: 'node:20-bookworm-slim' },
        ],
        final: 1,
        finalImage: 'node:20-bookworm-slim',
      },
      'FROM and AS may be written in any case',
    ),
    satisfies<S, string>('a text with no FROM is refused with an error that says so', {
      got: (f) => {
        try {
          f.dockerfileStages('# only a comment\nRUN echo hello\n');
          return 'returned without an error';
        } catch (e) {
          // A stub's own error is reported as "not implemented yet", not judged as the refusal.
          if (/not implemented/.test(String((e as Error).message))) throw e;
          return String((e as Error).message);
        }
      },
      test: (m) => /FROM/i.test(m),
      expected: 'an Error whose message mentions FROM',
      show: (m) => m,
      hint: 'throw new Error(…) naming the missing FROM when no stage was found',
    }),
  ],
};

type R = { firstRebuilt: FirstRebuilt };
const STAGE = [
  'FROM node:20-bookworm-slim',
  'WORKDIR /app',
  'COPY package*.json ./',
  'RUN npm ci',
  'COPY --chown=node:node ./src/ ./src/',
  'ADD config.json ./',
  'COPY --from=build /app/dist ./dist',
  'COPY mlkit mlkit',
];

const rebuildChecks: ExerciseChecks<R> = {
  id: 'nb-10.2',
  section: 'Layers and the build cache',
  uses: ['firstRebuilt'],
  checks: [
    rebuildsFrom('package*.json covers package-lock.json', STAGE, ['package-lock.json'], 2, 'a * in a source matches any characters but /'),
    rebuildsFrom(
      'a * does not cross /: packages/a.json is not package*.json',
      STAGE,
      ['packages/a.json'],
      null,
      'turn * into [^/]* — a glob stays inside one folder',
    ),
    rebuildsFrom(
      'a flag (--chown) is not a source; ./src/ covers src/app.ts',
      STAGE,
      ['src/app.ts'],
      4,
      'skip words starting with --, and read ./src/ as the folder src',
    ),
    rebuildsFrom('ADD reads the build context too', STAGE, ['config.json'], 5, 'treat ADD like COPY'),
    rebuildsFrom(
      'COPY --from copies from another stage, not the build context (a leading / is still the context root)',
      STAGE,
      ['app/dist/index.js', 'dist/index.js'],
      null,
      'a COPY with --from=… reads no file of the build context: skip it',
    ),
    rebuildsFrom(
      'mlkit-extra/ is not inside mlkit/',
      STAGE,
      ['mlkit-extra/a.ts'],
      null,
      'a folder covers a path only when the path is the folder or starts with folder + "/"',
    ),
    rebuildsFrom(
      'the destination is not a source',
      ['FROM node:20', 'COPY defaults.json app/', 'COPY app app'],
      ['app/index.js'],
      2,
      'the last word of COPY is where files go in the image, not a file it reads',
    ),
    rebuildsFrom(
      'with several changes the earliest step wins',
      STAGE,
      ['mlkit/a.ts', 'config.json', 'package.json'],
      2,
      'return the first index whose COPY covers any changed file',
    ),
    rebuildsFrom(
      'a leading / in a source still means the build context',
      ['FROM node:20', 'COPY /etc-defaults /etc/app'],
      ['etc-defaults/app.conf'],
      1,
      'COPY reads from the build context whatever the source looks like: strip a leading ./ or /',
    ),
    rebuildsFrom('no change, nothing rebuilt', STAGE, [], null, 'with no changed file every step comes from the cache'),
  ],
};

type D = { dockerRunArgs: DockerRunArgs };
const OTHER = {
  ...SERVICE,
  image: 'registry.example/spam:2.1.0',
  name: 'spam-canary',
  port: 8080,
  volume: 'canary-log',
  dataDir: '/var/lib/spam',
  env: { GREETING: 'hello world', DATABASE_URL: 'postgres://u:p@db/spam?ssl=true&x=1' },
  user: '1000:1000',
};

const runChecks: ExerciseChecks<D> = {
  id: 'nb-10.3',
  section: 'Running it: ports, volumes, environment',
  uses: ['dockerRunArgs'],
  checks: [
    runPart(
      'another port, volume, user and image are used, not the lesson’s',
      OTHER,
      (p) => ({
        publish: p.options['publish'],
        volume: p.options['volume'],
        user: p.options['user'],
        name: p.options['name'],
        image: p.image,
        command: p.command,
      }),
      {
        publish: ['127.0.0.1:8080:8080'],
        volume: ['canary-log:/var/lib/spam'],
        user: ['1000:1000'],
        name: ['spam-canary'],
        image: 'registry.example/spam:2.1.0',
        command: [],
      },
      'build every part from the options, nothing written in for the lesson’s service',
    ),
    runPart(
      'a value with spaces and = stays one argument, unquoted',
      OTHER,
      (p) => (p.options['env'] || []).slice().sort(),
      ['DATABASE_URL=postgres://u:p@db/spam?ssl=true&x=1', 'GREETING=hello world'],
      'an argument list needs no quotes: pass `${name}=${value}` as one element; no shell reads it',
    ),
    runPart(
      'no environment, no -e',
      { ...SERVICE, env: {} },
      (p) => ({ env: p.options['env'] || [], init: p.options['init'], image: p.image }),
      { env: [], init: ['true'], image: SERVICE.image },
      'one -e per entry: none when options.env is empty',
    ),
  ],
};

export const exercises = [stagesChecks, rebuildChecks, runChecks];
