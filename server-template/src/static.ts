import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { RequestHandler } from 'express';
import { repoRoot } from './config';

/** A file of the web page, read once at start so serving it costs no disk I/O. */
interface StaticFile {
  body: Buffer;
  type: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** URL path → file name of the page's files. */
export const PAGE_FILES: Record<string, string> = {
  '/': 'index.html',
  '/app.js': 'app.js',
  '/style.css': 'style.css',
};

/**
 * Where the page lives: beside the sources (`../public`) when run with tsx, or found from the
 * repository root when run from compiled JavaScript in another folder.
 */
export function findPublicDir(): string {
  const candidates = [path.resolve(__dirname, '..', 'public'), path.join(repoRoot(), 'server-template', 'public')];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'index.html')));
  if (!found) throw new Error(`Web page not found: looked for index.html in ${candidates.join(' and ')}`);
  return found;
}

/** Handlers for the page's files; the page only talks to the API, so a strict CSP fits. */
export function pageHandlers(publicDir: string = findPublicDir()): Map<string, RequestHandler> {
  const handlers = new Map<string, RequestHandler>();
  for (const [urlPath, name] of Object.entries(PAGE_FILES)) {
    const file: StaticFile = {
      body: readFileSync(path.join(publicDir, name)),
      type: TYPES[path.extname(name)] ?? 'application/octet-stream',
    };
    handlers.set(urlPath, (_req, res) => {
      res.setHeader('Content-Type', file.type);
      res.setHeader('Content-Security-Policy', "default-src 'self'; frame-ancestors 'none'");
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', 'no-cache');
      res.end(file.body);
    });
  }
  // Browsers ask for it on every visit; "no content" keeps their consoles (and our 404 counts) clean.
  handlers.set('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  return handlers;
}
