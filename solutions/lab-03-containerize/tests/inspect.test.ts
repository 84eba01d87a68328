import assert from 'node:assert/strict';
import { serviceConfigProblems } from '../grader/compose-config';
import { devPackageNames, healthProblems, leftoverProblems } from '../grader/inspect';

describe('lab-03 Docker checks: what the image holds and how Docker sees it', () => {
  it('lists the repository’s dev packages, which the running image must not hold', () => {
    const names = devPackageNames();
    for (const dev of ['typescript', 'mocha', 'tsx']) assert.ok(names.includes(dev), dev);
    assert.equal(names.includes('express'), false);
  });
  it('names leftover dev packages and compilers, and passes a clean image', () => {
    assert.deepEqual(leftoverProblems({ packages: [], compilers: [] }), []);
    const [packages, compilers] = leftoverProblems({ packages: ['typescript'], compilers: ['g++', 'make'] });
    assert.match(packages ?? '', /typescript/);
    assert.match(compilers ?? '', /g\+\+, make.*FROM the build stage/);
  });
  it('accepts only healthy, and says what the last probe printed otherwise', () => {
    assert.deepEqual(healthProblems({ status: 'healthy', lastOutput: '' }, 12_000), []);
    assert.match(healthProblems({ status: 'none', lastOutput: '' }, 1_000)[0] ?? '', /no HEALTHCHECK/);
    assert.match(
      healthProblems({ status: 'starting', lastOutput: 'exit code 1' }, 45_000)[0] ?? '',
      /"starting" after 45 s \(last probe: exit code 1\)/,
    );
  });
});

describe('lab-03 Compose check: the service as Compose resolves it', () => {
  const root = '/r';
  const right = { build: { context: '/r', dockerfile: 'labs/lab-03-containerize/Dockerfile' }, ports: ['127.0.0.1:3000:3000/tcp'] };
  it('passes the brief’s service, in the short and the long port syntax', () => {
    assert.deepEqual(serviceConfigProblems('api', right, root), []);
    assert.deepEqual(
      serviceConfigProblems('api', { ...right, ports: [{ target: 3000, published: '3000', host_ip: '127.0.0.1' }] }, root),
      [],
    );
  });
  it('names a wrong context, a wrong Dockerfile and a port on every interface', () => {
    assert.match(
      serviceConfigProblems('api', { ...right, build: { ...right.build, context: '/r/labs' } }, root).join('\n'),
      /builds from labs instead/,
    );
    assert.match(serviceConfigProblems('api', { ...right, build: { context: '/r' } }, root).join('\n'), /builds Dockerfile, not labs/);
    assert.match(serviceConfigProblems('api', { ...right, ports: ['3000:3000'] }, root).join('\n'), /on every interface/);
    assert.match(
      serviceConfigProblems('api', { ...right, ports: [{ target: 3000, published: 3000, host_ip: '0.0.0.0' }] }, root).join('\n'),
      /on 0\.0\.0\.0/,
    );
    assert.match(serviceConfigProblems('api', { ...right, ports: [] }, root).join('\n'), /no port/);
  });
});
