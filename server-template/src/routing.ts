import type { RequestHandler } from 'express';
import { HttpError } from './errors';

/**
 * Remembers which methods each path answers, so that an unknown path gets 404 and a known path
 * with the wrong method gets 405 with an `Allow` header (Express alone would answer 404 for both).
 */
export class RouteTable {
  private readonly methods = new Map<string, Set<string>>();

  add(method: string, path: string): void {
    const set = this.methods.get(path) ?? new Set<string>();
    set.add(method.toUpperCase());
    if (method.toUpperCase() === 'GET') set.add('HEAD');
    this.methods.set(path, set);
  }

  /** Last handler: 405 for a known path, 404 otherwise. */
  fallback(): RequestHandler {
    return (req, _res, next) => {
      const path = req.path.length > 1 && req.path.endsWith('/') ? req.path.slice(0, -1) : req.path;
      const allowed = this.methods.get(path);
      if (!allowed) {
        // Echo a bounded slice of the path: enough to spot a typo, not a megabyte back.
        const shown = path.length > 100 ? `${path.slice(0, 100)}…` : path;
        next(new HttpError(404, 'not_found', `No route ${req.method} ${shown}.`));
        return;
      }
      const methods = [...allowed].sort();
      const allow = methods.join(', ');
      next(
        new HttpError(
          405,
          'method_not_allowed',
          `${path} does not accept ${req.method}; use ${allow}.`,
          { allow: methods },
          { Allow: allow },
        ),
      );
    };
  }
}
