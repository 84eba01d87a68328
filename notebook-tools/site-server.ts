/**
 * A minimal static file server on 127.0.0.1, standing in for the static host a course would
 * publish its site on: the site's tests open its pages through it, as a reader's browser would.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface StaticServer {
  /** `http://127.0.0.1:PORT/`, the site's root. */
  origin: string;
  close(): Promise<void>;
}

/** The file `urlPath` names inside `root`, or undefined when it would leave `root`. */
export function fileFor(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split(/[?#]/, 1)[0] ?? '/');
  } catch {
    return undefined;
  }
  const file = path.resolve(root, `.${decoded.endsWith('/') ? `${decoded}index.html` : decoded}`);
  return file === root || file.startsWith(root + path.sep) ? file : undefined;
}

/** Serves `root` on 127.0.0.1 at a free port. */
export function serveFolder(root: string): Promise<StaticServer> {
  const base = path.resolve(root);
  const server = http.createServer((request, response) => {
    const file = fileFor(base, request.url ?? '/');
    if (request.method !== 'GET' || !file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(request.method === 'GET' ? 404 : 405, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        origin: `http://127.0.0.1:${port}/`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections(); // a browser's keep-alive connections would hold close() open
          }),
      });
    });
  });
}
