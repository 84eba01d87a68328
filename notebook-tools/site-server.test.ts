import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileFor, type StaticServer, serveFolder } from './site-server';

describe('serveFolder', () => {
  let dir = '';
  let server: StaticServer;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-server-'));
    fs.mkdirSync(path.join(dir, 'labs'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<p>index</p>');
    fs.writeFileSync(path.join(dir, 'labs', 'lab 01.html'), '<p>lab</p>');
    server = await serveFolder(dir);
  });
  after(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and serves index.html for the root, with its type', async () => {
    assert.match(server.origin, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(server.origin);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(await response.text(), '<p>index</p>');
  });

  it('decodes the path and ignores the query', async () => {
    assert.equal(await (await fetch(`${server.origin}labs/lab%2001.html?x=1`)).text(), '<p>lab</p>');
  });

  it('answers 404 for a missing file or a folder', async () => {
    assert.equal((await fetch(`${server.origin}missing.html`)).status, 404);
    assert.equal((await fetch(`${server.origin}labs`)).status, 404);
  });
});

describe('fileFor', () => {
  it('never names a file outside the root', () => {
    assert.equal(fileFor('/site', '/a/b.html'), path.join('/site', 'a', 'b.html'));
    assert.equal(fileFor('/site', '/../etc/passwd'), undefined);
    assert.equal(fileFor('/site', '/a/../../site-other/x.html'), undefined);
    assert.equal(fileFor('/site', '/%2e%2e/%2e%2e/etc/passwd'), undefined);
    assert.equal(fileFor('/site', '/%E0%A4%A'), undefined);
  });
});
