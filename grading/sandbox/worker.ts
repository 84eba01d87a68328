/**
 * Runs inside the sandbox, as the submission's user: loads the learner's modules and answers
 * graders' requests over stdin/stdout. This process never sees grader or instructor code.
 *
 * The first stdin line carries a nonce; every response line starts with it, and the
 * learner's own output is sent to stderr, so a submission cannot forge a response.
 */
import * as path from 'node:path';
import * as readline from 'node:readline';
import { decode, encode, type Request, type Response } from './protocol';

const writeOut = process.stdout.write.bind(process.stdout);
const toErr = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
process.stdout.write = toErr;
console.log = console.info = console.debug = (...a: unknown[]) => console.error(...a);

const labDir = process.argv[2] ?? process.cwd();
let nonce: string | undefined;
let sockets = 0;

function load(file: string): Record<string, unknown> {
  const abs = path.resolve(labDir, file);
  if (path.relative(labDir, abs).startsWith('..')) throw new Error(`${file} is outside the submission`);
  return require(abs) as Record<string, unknown>;
}

function exported(file: string, fn: string): (...a: unknown[]) => unknown {
  const f = load(file)[fn];
  if (typeof f !== 'function') throw new Error(`${file} does not export a function named ${fn}`);
  return f as (...a: unknown[]) => unknown;
}

/** Starts whatever the factory returns (an Express app or a request listener) on a unix socket. */
async function serve(req: Request): Promise<string> {
  const app = await exported(req.file, req.fn)(...req.args);
  const listener = typeof app === 'function' ? app : (app as { handle?: unknown })?.handle;
  if (typeof listener !== 'function') throw new Error(`${req.fn}() did not return an app or a request handler`);
  const http = await import('node:http');
  const server = http.createServer(app as Parameters<typeof http.createServer>[1]);
  const socket = path.join(process.env['TMPDIR'] ?? labDir, `app-${++sockets}.sock`);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => resolve());
  });
  return socket;
}

async function handle(req: Request): Promise<Response> {
  try {
    const value = req.op === 'serve' ? await serve(req) : await exported(req.file, req.fn)(...req.args);
    return { id: req.id, ok: true, value };
  } catch (e) {
    const err = e instanceof Error ? `${e.name}: ${e.message}` : `thrown: ${String(e)}`;
    return { id: req.id, ok: false, error: err };
  }
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (nonce === undefined) {
    nonce = line.trim();
    writeOut(`${nonce} ${encode({ id: 0, ok: true, value: 'ready' })}\n`);
    return;
  }
  const req = decode(line) as Request | undefined;
  if (!req || typeof req.id !== 'number') return;
  void handle(req).then((res) => {
    let text: string;
    try {
      text = encode(res);
    } catch (e) {
      text = encode({ id: req.id, ok: false, error: `the result cannot be sent back: ${(e as Error).message}` });
    }
    writeOut(`${nonce} ${text}\n`);
  });
});
process.stdin.on('end', () => process.exit(0));
