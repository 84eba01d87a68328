/**
 * The real probes behind {@link Machine} and {@link Actions} (scripts/jupyter-install.ts): each
 * one bounded in time, so a machine without a network or without sudo answers in seconds.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as readline from 'node:readline/promises';
import type { Actions, Machine } from './jupyter-install';
import { which } from './jupyter';

const INDEX_TIMEOUT_SECONDS = 5;

/** The index pip would use: `PIP_INDEX_URL` when set, else PyPI's simple index. */
export function packageIndexUrl(env = process.env): string {
  return (env.PIP_INDEX_URL || 'https://pypi.org/simple').replace(/\/+$/, '');
}

/** True when /etc/os-release (or the given text) names Debian or Ubuntu, or a derivative of one. */
export function isDebianLike(osRelease: string): boolean {
  const field = (name: string) => new RegExp(`^${name}="?([^"\\n]*)"?$`, 'm').exec(osRelease)?.[1] ?? '';
  return /\b(debian|ubuntu)\b/.test(`${field('ID')} ${field('ID_LIKE')}`);
}

function python(): { python: string } | { reason: string } {
  const found = which('python3') ?? which('python');
  if (!found) return { reason: 'no python3 on PATH' };
  const probe = spawnSync(found, ['-c', 'import sys, venv, ensurepip; assert sys.version_info >= (3, 8)'], { timeout: 10_000 });
  if (probe.status !== 0)
    return {
      reason: `${found} cannot create a virtual environment with pip (Debian/Ubuntu: apt-get install python3-venv), or is older than 3.8`,
    };
  return { python: found };
}

/** Asks the index through Python, so the same proxy settings apply as for pip. */
async function packageIndex(pythonPath: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const url = `${packageIndexUrl()}/jupyterlab/`;
  const script = 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=float(sys.argv[2]))';
  const status = await exitStatus(pythonPath, ['-c', script, url, String(INDEX_TIMEOUT_SECONDS)], {
    timeoutMs: (INDEX_TIMEOUT_SECONDS + 3) * 1000,
    quiet: true,
  });
  return status === 0
    ? { ok: true }
    : { ok: false, reason: `Python's package index (${packageIndexUrl()}) did not answer within ${INDEX_TIMEOUT_SECONDS} s` };
}

function apt(): { as: 'root' | 'sudo' } | { reason: string } {
  const release = fs.existsSync('/etc/os-release') ? fs.readFileSync('/etc/os-release', 'utf8') : '';
  if (!isDebianLike(release) || !which('apt-get'))
    return { reason: "this is not Debian or Ubuntu with apt-get, so Debian's packages are not an option" };
  if (process.getuid?.() === 0) return { as: 'root' };
  if (!which('sudo')) return { reason: 'apt-get needs root, and sudo is not installed' };
  const sudo = spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore', timeout: 10_000 });
  return sudo.status === 0
    ? { as: 'sudo' }
    : { reason: 'apt-get needs root, and sudo asks for a password (run sudo -v first, or install by hand)' };
}

export const realMachine: Machine = { python, packageIndex, apt };

/** Runs a command with its output on this terminal; resolves to its exit status (127: not started). */
function exitStatus(
  command: string,
  args: string[],
  options: { timeoutMs?: number; quiet?: boolean; env?: Record<string, string> } = {},
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: options.quiet ? 'ignore' : ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...options.env },
    });
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    child.once('error', () => resolve(127));
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });
}

async function ask(question: string): Promise<boolean> {
  const prompt = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^(y|yes|)$/i.test((await prompt.question(`${question} [Y/n] `)).trim());
  } finally {
    prompt.close();
  }
}

export const realActions: Actions = {
  run: (command, args, env) => {
    console.log(`  $ ${[command, ...args].join(' ')}`);
    return exitStatus(command, args, { env });
  },
  ask,
  log: (message) => console.log(`• ${message}`),
  remove: (dir) => fs.rmSync(dir, { recursive: true, force: true }),
};
