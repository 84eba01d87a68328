import assert from 'node:assert/strict';
import * as path from 'node:path';
import { projectVenv } from './jupyter';
import {
  APT_PACKAGES,
  installCommands,
  installJupyter,
  needsConsent,
  noJupyterMessage,
  planRoutes,
  REQUIREMENTS,
  type Actions,
  type Machine,
  type Plan,
} from './jupyter-install';

/** A machine described by what it has; counts the (slow) package-index probes. */
function fakeMachine(has: { python?: boolean; index?: boolean; apt?: 'root' | 'sudo' | false }): Machine & { indexProbes: number } {
  const machine = {
    indexProbes: 0,
    python: () => (has.python ? { python: '/usr/bin/python3' } : { reason: 'no python3 on PATH' }),
    packageIndex: async () => {
      machine.indexProbes++;
      return has.index ? ({ ok: true } as const) : ({ ok: false, reason: 'the package index did not answer within 5 s' } as const);
    },
    apt: () => (has.apt ? { as: has.apt } : { reason: 'not Debian' }),
  };
  return machine;
}

/** Records every command and question; commands fail when their program is in `failing`. */
function fakeActions(answer: boolean, failing: string[] = []): Actions & { commands: string[]; questions: string[]; removed: string[] } {
  const actions = {
    commands: [] as string[],
    questions: [] as string[],
    removed: [] as string[],
    run: async (command: string, args: string[]) => {
      actions.commands.push([command, ...args].join(' '));
      return failing.some((f) => [command, ...args].join(' ').includes(f)) ? 1 : 0;
    },
    ask: async (question: string) => {
      actions.questions.push(question);
      return answer;
    },
    log: () => undefined,
    remove: (dir: string) => void actions.removed.push(dir),
  };
  return actions;
}

const unattended = { yes: false, ci: false, terminal: false };
const atTerminal = { yes: false, ci: false, terminal: true };

describe('installing Jupyter when it is missing', () => {
  describe('planRoutes', () => {
    it('prefers the project environment (JupyterLab) when Python and its package index are there', async () => {
      const plan = await planRoutes(fakeMachine({ python: true, index: true, apt: 'root' }));
      assert.deepEqual(
        plan.routes.map((r) => r.kind),
        ['venv', 'apt'],
      );
    });

    it("falls through to Debian's packages when the package index does not answer", async () => {
      const plan = await planRoutes(fakeMachine({ python: true, index: false, apt: 'sudo' }));
      assert.deepEqual(plan.routes, [{ kind: 'apt', sudo: true }]);
      assert.match(plan.reasons.join('\n'), /did not answer/);
    });

    it('does not probe the package index when there is no Python to use it', async () => {
      const machine = fakeMachine({ python: false, index: true, apt: 'root' });
      const plan = await planRoutes(machine);
      assert.equal(machine.indexProbes, 0);
      assert.deepEqual(plan.routes, [{ kind: 'apt', sudo: false }]);
    });

    it('offers no route, with one reason per route, when neither works', async () => {
      const plan = await planRoutes(fakeMachine({ python: true, index: false, apt: false }));
      assert.deepEqual(plan.routes, []);
      assert.deepEqual(plan.reasons, ['the package index did not answer within 5 s', 'not Debian']);
    });
  });

  describe('needsConsent', () => {
    it('asks before apt-get at a terminal', () => {
      assert.equal(needsConsent({ kind: 'apt', sudo: true }, atTerminal), true);
    });
    it('does not ask with --yes, under CI=true, or without a terminal', () => {
      for (const policy of [{ ...atTerminal, yes: true }, { ...atTerminal, ci: true }, unattended])
        assert.equal(needsConsent({ kind: 'apt', sudo: false }, policy), false);
    });
    it('never asks for the project-local environment, which changes nothing outside the project', () => {
      assert.equal(needsConsent({ kind: 'venv', python: 'python3' }, atTerminal), false);
    });
  });

  describe('installCommands', () => {
    it('creates the project environment and installs the pinned requirements with its own pip', () => {
      const venv = path.join('/course', '.work', 'jupyter-venv');
      assert.deepEqual(installCommands({ kind: 'venv', python: '/usr/bin/python3' }, venv), [
        { command: '/usr/bin/python3', args: ['-m', 'venv', venv] },
        { command: path.join(venv, 'bin', 'python'), args: ['-m', 'pip', 'install', '--disable-pip-version-check', '-r', REQUIREMENTS] },
      ]);
    });
    it('runs apt-get through sudo only when not root', () => {
      assert.deepEqual(
        installCommands({ kind: 'apt', sudo: true }).map((c) => `${c.command} ${c.args.join(' ')}`),
        ['sudo apt-get update', `sudo apt-get install -y --no-install-recommends ${APT_PACKAGES.join(' ')}`],
      );
      assert.deepEqual(installCommands({ kind: 'apt', sudo: false })[1], {
        command: 'apt-get',
        args: ['install', '-y', '--no-install-recommends', ...APT_PACKAGES],
      });
    });
  });

  describe('installJupyter', () => {
    const aptOnly = (): Plan => ({ routes: [{ kind: 'apt', sudo: false }], reasons: ['the package index did not answer within 5 s'] });

    it('installs nothing when the person at the terminal says no, and says so', async () => {
      const actions = fakeActions(false);
      const plan = aptOnly();
      assert.equal(await installJupyter(plan, atTerminal, actions), null);
      assert.equal(actions.questions.length, 1);
      assert.match(actions.questions[0], /jupyter-notebook jupyter-nbconvert python3-nbclient/);
      assert.deepEqual(actions.commands, []);
      assert.match(plan.reasons.join('\n'), /chose not to install/);
    });

    it('installs without a question under --yes', async () => {
      const actions = fakeActions(false);
      assert.deepEqual(await installJupyter(aptOnly(), { ...atTerminal, yes: true }, actions), { kind: 'apt', sudo: false });
      assert.deepEqual(actions.questions, []);
      assert.equal(actions.commands.length, 2);
    });

    it('removes a half-made environment and falls through to apt-get when pip fails', async () => {
      const actions = fakeActions(true, ['pip install']);
      const plan: Plan = {
        routes: [
          { kind: 'venv', python: 'python3' },
          { kind: 'apt', sudo: true },
        ],
        reasons: [],
      };
      assert.deepEqual(await installJupyter(plan, atTerminal, actions), { kind: 'apt', sudo: true });
      assert.deepEqual(actions.removed, [projectVenv()]);
      assert.match(plan.reasons.join('\n'), /JupyterLab with pip failed/);
      assert.deepEqual(actions.commands.slice(2), [
        'sudo apt-get update',
        `sudo apt-get install -y --no-install-recommends ${APT_PACKAGES.join(' ')}`,
      ]);
    });

    it('stops at the first failing command of a route', async () => {
      const actions = fakeActions(true, ['update']);
      assert.equal(await installJupyter(aptOnly(), unattended, actions), null);
      assert.deepEqual(actions.commands, ['apt-get update']);
    });
  });

  describe('noJupyterMessage', () => {
    it('says why each route was not taken and names the three ways to install by hand', () => {
      const message = noJupyterMessage(['no python3 on PATH', 'not Debian']);
      for (const text of [
        '- no python3 on PATH',
        '- not Debian',
        'pip install -r scripts/jupyter-requirements.txt',
        'sudo apt-get install jupyter-notebook jupyter-nbconvert python3-nbclient',
        'docker compose up',
      ]) {
        assert.ok(message.includes(text), `the message lacks "${text}":\n${message}`);
      }
    });
  });
});
