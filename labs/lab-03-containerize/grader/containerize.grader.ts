/**
 * Public checks for lab 03: run them with `npm run check -- lab-03`. They read your Dockerfile,
 * .dockerignore and compose.yaml as text; nothing is built (see the brief for building and
 * running the image yourself).
 */
import { check } from '../../../grading/harness';
import * as compose from './compose';
import * as df from './containerfile';
import { composeFile, dockerfile, expectNone, ignores } from './files';

describe('lab-03 public checks', () => {
  check('every FROM names a pinned image (not latest); the final stage is Node', 2, 'Dockerfile: the FROM lines', () => {
    expectNone(df.baseImageProblems(dockerfile()), 'expected pinned base images');
  });
  check('the service runs as a non-root user', 3, 'Dockerfile: USER in the final stage', () => {
    expectNone(df.rootProblems(dockerfile()), 'expected a non-root USER');
  });
  check(
    'the image has production packages only (no dev dependencies)',
    3,
    'Dockerfile: npm ci / npm install --omit=dev, and which stage installs what',
    () => {
      expectNone(df.devDependencyProblems(dockerfile()), 'expected no dev packages in the final image');
    },
  );
  check('the image declares a HEALTHCHECK on /health', 2, 'Dockerfile: HEALTHCHECK in the final stage', () => {
    expectNone(df.healthcheckProblems(dockerfile()), 'expected a health check');
  });
  check('no secrets are baked into the image', 2, 'Dockerfile: ENV, ARG, COPY', () => {
    expectNone(df.secretProblems(dockerfile()), 'expected no secrets in the image');
  });
  check('.dockerignore keeps node_modules, .git and .env out of the build context', 2, '.dockerignore', () => {
    expectNone(
      df.missingIgnores(ignores(), ['node_modules', '.git', '.env']).map((m) => `${m} is not excluded`),
      'expected these entries',
    );
  });
  check(
    'compose.yaml: a service that is built, publishes port 3000 and has a healthcheck',
    2,
    'compose.yaml: build, ports, healthcheck',
    () => {
      expectNone(compose.serviceProblems(composeFile()), 'expected a complete api service');
    },
  );
});
