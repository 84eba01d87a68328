import { spawnSync } from 'node:child_process';

/**
 * The Python that runs the peer: $PYTHON if set, else the first of `python3` on PATH and
 * Debian's /usr/bin/python3 that can import `modules` (a version manager's python3 often comes
 * first on PATH without scikit-learn, while Debian's packages install into the system one).
 * @returns the interpreter, or an explanation of what is missing.
 */
export function peerPython(modules: string[]): { python: string } | { error: string } {
  const candidates = process.env.PYTHON ? [process.env.PYTHON] : ['python3', '/usr/bin/python3'];
  const tried: string[] = [];
  for (const python of candidates) {
    const run = spawnSync(python, ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8', timeout: 60_000 });
    if (run.status === 0) return { python };
    tried.push(`${python}: ${(run.stderr || String(run.error ?? 'failed')).trim().split('\n').pop()}`);
  }
  return {
    error: `no Python with ${modules.join(', ')} (${tried.join('; ')}); on Debian: apt-get install python3-sklearn python3-fastapi uvicorn, or set PYTHON`,
  };
}
