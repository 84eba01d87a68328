/** Instructor checks for lab 03 (hidden until published): signals, data, compose hardening. */
import { check } from '../../../grading/harness';
import * as compose from '../grader/compose';
import * as df from '../grader/containerfile';
import { composeFile, dockerfile, expectNone, ignores } from '../grader/files';

describe('lab-03 instructor checks', () => {
  check('the start command is in exec form, so SIGTERM reaches node', 2, 'Dockerfile: CMD / ENTRYPOINT as JSON arrays', () => {
    expectNone(df.execFormProblems(dockerfile()), 'expected exec-form CMD');
  });
  check('the final stage exposes port 3000 and copies the model', 2, 'Dockerfile: EXPOSE, COPY models', () => {
    const stages = dockerfile();
    const last = stages[stages.length - 1].instructions;
    const problems: string[] = [];
    if (!last.some((i) => i.keyword === 'EXPOSE' && /\b3000\b/.test(i.args))) problems.push('no EXPOSE 3000');
    if (!last.some((i) => i.keyword === 'COPY' && /\bmodels\b/.test(i.args))) problems.push('no COPY of models/ into the final stage');
    expectNone(problems, 'expected the port and the model');
  });
  check('.dockerignore keeps datasets and notebooks out of the build context', 1, '.dockerignore', () => {
    expectNone(
      df.missingIgnores(ignores(), ['datasets', 'notebooks']).map((m) => `${m} is not excluded`),
      'expected these entries',
    );
  });
  check(
    'compose.yaml: published on 127.0.0.1, a stop grace period and a restart policy',
    2,
    'compose.yaml: ports, stop_grace_period, restart',
    () => {
      expectNone(compose.hardeningProblems(composeFile()), 'expected a hardened service');
    },
  );
  check('compose.yaml: no literal secrets in the environment', 1, 'compose.yaml: environment', () => {
    expectNone(compose.secretProblems(composeFile()), 'expected no secrets');
  });
});
