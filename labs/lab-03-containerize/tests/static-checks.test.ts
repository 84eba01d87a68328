import assert from 'node:assert/strict';
import * as compose from '../grader/compose';
import * as df from '../grader/containerfile';

const stages = (text: string): ReturnType<typeof df.stagesOf> => df.stagesOf(text);

describe('lab-03 static Dockerfile checks', () => {
  it('refuses a Dockerfile without FROM, so an empty starter scores nothing', () => {
    assert.throws(() => df.stagesOf('# TODO\n'), /no FROM/);
    assert.throws(() => df.stagesOf(undefined), /missing/);
  });
  it('accepts pinned images and build-stage references, flags latest and untagged ones', () => {
    assert.deepEqual(df.baseImageProblems(stages('FROM node:20-slim AS build\nFROM build\n')), []);
    assert.equal(df.baseImageProblems(stages('FROM node:latest\n')).length, 1);
    assert.match(df.baseImageProblems(stages('FROM node\n')).join(), /no tag/);
    assert.match(df.baseImageProblems(stages('FROM python:3.12\n')).join(), /not a Node image/);
  });
  it('looks at the last USER of the final stage only', () => {
    assert.deepEqual(df.rootProblems(stages('FROM node:20 AS b\nUSER node\nFROM node:20\nUSER node\n')), []);
    assert.equal(df.rootProblems(stages('FROM node:20 AS b\nUSER node\nFROM node:20\n')).length, 1);
    assert.match(df.rootProblems(stages('FROM node:20\nUSER node\nUSER 0\n')).join(), /USER is 0/);
  });
  it('flags a full npm install in the final stage, accepts --omit=dev and prune', () => {
    assert.deepEqual(df.devDependencyProblems(stages('FROM node:20\nRUN npm ci --omit=dev\n')), []);
    assert.deepEqual(df.devDependencyProblems(stages('FROM node:20 AS b\nRUN npm ci && npm prune --omit=dev\nFROM node:20\n')), []);
    assert.equal(df.devDependencyProblems(stages('FROM node:20\nRUN apt-get update && npm install\n')).length, 2);
  });
  it('finds secrets in ENV and ARG values and copied .env files, not in empty ARGs', () => {
    assert.deepEqual(df.secretProblems(stages('FROM node:20\nARG NPM_TOKEN\nENV PORT=3000\n')), []);
    assert.equal(df.secretProblems(stages('FROM node:20\nENV PORT=3000 DB_PASSWORD="x y"\n')).length, 1);
    assert.equal(df.secretProblems(stages('FROM node:20\nENV API_KEY abc\nCOPY .env .\n')).length, 2);
  });
  it('wants the start command in exec form and not through npm', () => {
    assert.deepEqual(df.execFormProblems(stages('FROM node:20\nCMD ["node", "main.js"]\n')), []);
    assert.equal(df.execFormProblems(stages('FROM node:20\nCMD npm start\n')).length, 2);
  });
  it('normalizes .dockerignore entries', () => {
    const entries = df.ignoreEntries('# c\n/node_modules/\n**/.git\n!keep\n.env\n');
    assert.deepEqual(df.missingIgnores(entries, ['node_modules', '.git', '.env', 'datasets']), ['datasets']);
  });
});

describe('lab-03 static compose checks', () => {
  const good =
    'services:\n  api:\n    build: .\n    ports:\n      - \'127.0.0.1:3000:3000\'\n    healthcheck:\n      test: ["CMD", "true"]\n    stop_grace_period: 20s\n    restart: always\n    environment:\n      API_KEY: ${API_KEY}\n';
  it('accepts a complete, hardened service', () => {
    const lines = compose.composeLines(good);
    assert.deepEqual([...compose.serviceProblems(lines), ...compose.hardeningProblems(lines), ...compose.secretProblems(lines)], []);
  });
  it('flags ports on every interface and literal secrets', () => {
    const lines = compose.composeLines(good.replace('127.0.0.1:3000', '3000').replace('${API_KEY}', 'abc'));
    assert.match(compose.hardeningProblems(lines).join(), /every interface/);
    assert.equal(compose.secretProblems(lines).length, 1);
  });
  it('wants the grace period to outlast a drain delay the file sets, plus a margin', () => {
    const withDelay = (grace: string, delay: string): string[] =>
      compose.hardeningProblems(
        compose.composeLines(good.replace('stop_grace_period: 20s', `stop_grace_period: ${grace}`).replace('API_KEY: ${API_KEY}', delay)),
      );
    assert.deepEqual(withDelay('20s', 'DRAIN_DELAY_MS: "8000"'), []);
    assert.match(withDelay('5s', 'DRAIN_DELAY_MS: "5000"').join(), /does not outlast DRAIN_DELAY_MS \(5000 ms\)/);
    assert.match(withDelay('"1m"', '- DRAIN_DELAY_MS=59000').join(), /does not outlast/);
    assert.deepEqual(withDelay('3s', 'LOG_LEVEL: info'), [], 'no drain delay set: any grace period');
    assert.match(withDelay('soon', 'LOG_LEVEL: info').join(), /not a duration/);
    assert.match(
      compose.hardeningProblems(compose.composeLines(good.replace('    stop_grace_period: 20s\n', ''))).join(),
      /no stop_grace_period/,
    );
  });
  it('reads compose durations', () => {
    assert.deepEqual(['15s', '1m30s', '1500ms', '2h', '10', 's'].map(compose.durationMs), [
      15_000,
      90_000,
      1_500,
      7_200_000,
      undefined,
      undefined,
    ]);
  });
  it('refuses a file without services', () => {
    assert.throws(() => compose.composeLines('version: "3"\n'), /no top-level services/);
  });
});
