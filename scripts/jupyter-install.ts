/**
 * Installing Jupyter for `npm start` when it is missing. Three routes, tried in this order:
 *
 * 1. `venv`: a project-local Python environment with the pinned JupyterLab
 *    (scripts/jupyter-requirements.txt), where a Python with `venv` exists and its package index
 *    answers. Nothing outside the project changes, so no question is asked.
 * 2. `apt`: Debian's packages (classic Notebook; Debian has no JupyterLab package), on
 *    Debian/Ubuntu as root or with passwordless sudo. A system change: asked first at a terminal.
 * 3. none: the message naming the three ways to install it by hand.
 *
 * The decision reads the machine through {@link Machine} and acts through {@link Actions}, so it
 * is tested with fakes; `machine.ts` holds the real probes.
 */
import * as path from 'node:path';
import { projectVenv } from './jupyter';

export const REQUIREMENTS = path.join(__dirname, 'jupyter-requirements.txt');
export const APT_PACKAGES = ['jupyter-notebook', 'jupyter-nbconvert', 'python3-nbclient'];

export type Route = { kind: 'venv'; python: string } | { kind: 'apt'; sudo: boolean };

/** What the decision needs to know about the machine; each answer is quick (seconds at most). */
export interface Machine {
  /** A Python 3 that can create a virtual environment with pip, or why there is none. */
  python(): { python: string } | { reason: string };
  /** Whether Python's package index answers within a few seconds, or why not. */
  packageIndex(python: string): Promise<{ ok: true } | { ok: false; reason: string }>;
  /** Whether apt-get can install packages here (as root, or with sudo that asks no password). */
  apt(): { as: 'root' | 'sudo' } | { reason: string };
}

/** How installing talks to the world: runs a command (exit status), asks a yes/no question. */
export interface Actions {
  run(command: string, args: string[], env?: Record<string, string>): Promise<number>;
  ask(question: string): Promise<boolean>;
  log(message: string): void;
  /** Removes a half-made environment so the next start does not mistake it for a working one. */
  remove(dir: string): void;
}

/** When to ask before a system change: at a terminal, unless `--yes` or `CI=true`. */
export interface ConsentPolicy {
  yes: boolean;
  ci: boolean;
  terminal: boolean;
}

export interface Plan {
  routes: Route[];
  /** Why each route that is not in `routes` cannot be taken here. */
  reasons: string[];
}

/** The routes open on this machine, best first. Stops probing once the preferred one is open. */
export async function planRoutes(machine: Machine): Promise<Plan> {
  const routes: Route[] = [];
  const reasons: string[] = [];
  const python = machine.python();
  if ('reason' in python) reasons.push(python.reason);
  else {
    const index = await machine.packageIndex(python.python);
    if (index.ok) routes.push({ kind: 'venv', python: python.python });
    else reasons.push(index.reason);
  }
  const apt = machine.apt();
  if ('reason' in apt) reasons.push(apt.reason);
  else routes.push({ kind: 'apt', sudo: apt.as === 'sudo' });
  return { routes, reasons };
}

/** True when the route changes the system and a person at a terminal should say yes first. */
export function needsConsent(route: Route, policy: ConsentPolicy): boolean {
  return route.kind === 'apt' && policy.terminal && !policy.yes && !policy.ci;
}

/** The commands a route runs, in order. */
export function installCommands(route: Route, venv = projectVenv()): Array<{ command: string; args: string[] }> {
  if (route.kind === 'venv') {
    const python = path.join(venv, process.platform === 'win32' ? 'Scripts' : 'bin', 'python');
    return [
      { command: route.python, args: ['-m', 'venv', venv] },
      { command: python, args: ['-m', 'pip', 'install', '--disable-pip-version-check', '-r', REQUIREMENTS] },
    ];
  }
  const apt = (args: string[]) => (route.sudo ? { command: 'sudo', args: ['apt-get', ...args] } : { command: 'apt-get', args });
  // Without recommends: the Notebook needs none of them, and they would add compilers, gdb and
  // sympy (a quarter of a gigabyte more to download).
  return [apt(['update']), apt(['install', '-y', '--no-install-recommends', ...APT_PACKAGES])];
}

export function describeRoute(route: Route): string {
  return route.kind === 'venv'
    ? `JupyterLab into the project's own Python environment (${path.relative(process.cwd(), projectVenv()) || '.'}), from Python's package index`
    : `Debian's Jupyter Notebook packages with ${route.sudo ? 'sudo ' : ''}apt-get (${APT_PACKAGES.join(' ')})`;
}

/**
 * Installs Jupyter by the first route that works. Every route that fails, or that the person
 * declines, adds its reason to the plan's, and the next one is tried.
 * @returns the route that installed Jupyter, or null with every reason in `plan.reasons`.
 */
export async function installJupyter(plan: Plan, policy: ConsentPolicy, actions: Actions): Promise<Route | null> {
  for (const route of plan.routes) {
    if (needsConsent(route, policy) && !(await actions.ask(`Jupyter is missing. Install ${describeRoute(route)}?`))) {
      plan.reasons.push('you chose not to install the system packages');
      continue;
    }
    actions.log(`installing ${describeRoute(route)}…`);
    if (await runAll(route, actions)) return route;
    if (route.kind === 'venv') actions.remove(projectVenv());
    plan.reasons.push(`installing ${route.kind === 'venv' ? 'JupyterLab with pip' : "Debian's packages with apt-get"} failed (see above)`);
  }
  return null;
}

async function runAll(route: Route, actions: Actions): Promise<boolean> {
  const env = route.kind === 'apt' ? { DEBIAN_FRONTEND: 'noninteractive' } : undefined;
  for (const { command, args } of installCommands(route)) {
    if ((await actions.run(command, args, env)) !== 0) return false;
  }
  return true;
}

/** What `npm start` prints when it could not install Jupyter: why, and the three ways by hand. */
export function noJupyterMessage(reasons: string[]): string {
  const venv = path.relative(process.cwd(), projectVenv()) || '.';
  const why = reasons.length > 0 ? `npm start could not install it here:\n${reasons.map((r) => `  - ${r}\n`).join('')}` : '';
  return `Jupyter was not found on PATH. ${why}Install it one of these ways, then run npm start again:
  python3 -m venv ${venv} && ${path.join(venv, 'bin', 'pip')} install -r scripts/jupyter-requirements.txt   (any OS, with Python 3 and Python's package index)
  sudo apt-get install ${APT_PACKAGES.join(' ')}   (Debian/Ubuntu)
  docker compose up   (everything in containers, see deploy/README.md)`;
}
