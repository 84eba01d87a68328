import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BASE_IMAGE, dockerUnavailable, dockerUnavailableSync, onPath } from './docker';

/**
 * A stand-in `docker` on PATH that answers `info` and `image inspect` as told, so both forms of
 * dockerUnavailable are pinned without an engine.
 */
function fakeDocker(dir: string, { engine, image }: { engine: boolean; image: boolean }): void {
  const script = [
    '#!/bin/sh',
    `if [ "$1" = info ]; then ${engine ? 'echo 20.10; exit 0' : 'echo "Cannot connect to the Docker daemon" >&2; exit 1'}; fi`,
    `if [ "$1" = image ]; then ${image ? 'echo sha256:1; exit 0' : 'echo "No such image" >&2; exit 1'}; fi`,
    'exit 2',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'docker'), `${script}\n`, { mode: 0o755 });
}

describe('dockerUnavailable (can Docker be used here?)', () => {
  let dir = '';
  const savedPath = process.env.PATH;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-fake-docker-'));
    process.env.PATH = `${dir}${path.delimiter}${savedPath ?? ''}`;
  });
  afterEach(() => {
    process.env.PATH = savedPath;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is undefined, in both forms, when the engine answers and the base image is here', async () => {
    fakeDocker(dir, { engine: true, image: true });
    assert.ok(onPath('docker'));
    assert.equal(await dockerUnavailable(), undefined);
    assert.equal(dockerUnavailableSync(), undefined);
  });

  it('names the engine, with what docker said, when it does not answer', async () => {
    fakeDocker(dir, { engine: false, image: true });
    const why = await dockerUnavailable();
    assert.match(why ?? '', /no Docker engine answers \(docker info failed: Cannot connect to the Docker daemon\)/);
    assert.equal(dockerUnavailableSync(), why);
  });

  it('names the base image and the script that builds it when it is missing, unless only the engine is needed', async () => {
    fakeDocker(dir, { engine: true, image: false });
    const why = await dockerUnavailable();
    assert.equal(why, `the base image ${BASE_IMAGE} is not on this machine (build it with deploy/base-image.sh)`);
    assert.equal(dockerUnavailableSync(), why);
    assert.equal(await dockerUnavailable({ baseImage: false }), undefined);
    assert.equal(dockerUnavailableSync({ baseImage: false }), undefined);
  });
});
