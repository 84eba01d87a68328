/**
 * compose.yaml as Compose itself reads it: `docker compose config` (or `docker-compose
 * config`) resolves the build context, the Dockerfile and the ports in any syntax, and refuses
 * what Compose would refuse. The file is staged where the brief puts it
 * (`labs/lab-03-containerize/`, beside the Dockerfile) in an empty repository root, so a
 * context that does not lead to that root shows. Used by image.grader.ts.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { LAB_ID, LIMITS } from './image';

const run = promisify(execFile);

/** The Compose command here (`docker compose`, else `docker-compose`), or undefined when there is none. */
export async function composeCommand(): Promise<string[] | undefined> {
  for (const cmd of [['docker', 'compose'], ['docker-compose']]) {
    try {
      await run(cmd[0]!, [...cmd.slice(1), 'version'], { timeout: LIMITS.request });
      return cmd;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

/** One service as `compose config` prints it (long syntax: volumes and ports as objects). */
export interface Service {
  build?: string | { context?: string; dockerfile?: string };
  ports?: (string | number | { target?: number | string; published?: number | string; host_ip?: string })[];
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  environment?: Record<string, string | null> | string[];
  init?: boolean;
}

/** `127.0.0.1:3000:3000/tcp`, `3000:3000`, or the long form → host address and container port. */
function binding(p: NonNullable<Service['ports']>[number]): { host: string; target: string } {
  if (typeof p === 'object') return { host: p.host_ip ?? '', target: String(p.target ?? '') };
  const parts = String(p)
    .replace(/\/\w+$/, '')
    .split(':');
  return { host: parts.length === 3 ? parts[0]! : '', target: parts[parts.length - 1] ?? '' };
}

/** The problems with one resolved service, relative to the staged root `root`. */
export function serviceConfigProblems(name: string, service: Service, root: string): string[] {
  const problems: string[] = [];
  const build = typeof service.build === 'string' ? { context: service.build } : service.build;
  if (build?.context) {
    const context = path.resolve(root, build.context);
    if (context !== root)
      problems.push(
        `service ${name} builds from ${path.relative(root, context) || '.'} instead of the repository root (context: ../.. from this lab's folder)`,
      );
    const dockerfile = path.resolve(context, build.dockerfile ?? 'Dockerfile');
    if (dockerfile !== path.join(root, 'labs', LAB_ID, 'Dockerfile'))
      problems.push(`service ${name} builds ${path.relative(root, dockerfile)}, not labs/${LAB_ID}/Dockerfile`);
  }
  const published = (service.ports ?? []).map(binding).filter((b) => b.target === '3000');
  if (published.length === 0) problems.push(`service ${name} publishes no port to container port 3000`);
  for (const b of published)
    if (b.host !== '127.0.0.1') problems.push(`service ${name} publishes port 3000 on ${b.host || 'every interface'}, not 127.0.0.1`);
  return problems;
}

/**
 * The services Compose resolves from `composeText` (with `dockerfileText` beside it) and the
 * staged root they were resolved in; `refused` holds Compose's own words when it refuses the file.
 */
async function resolve<T>(
  cmd: string[],
  composeText: string,
  dockerfileText: string | undefined,
  use: (services: Record<string, Service>, root: string) => T,
): Promise<T | { refused: string }> {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'n2p-lab03-compose-')));
  try {
    const lab = path.join(root, 'labs', LAB_ID);
    fs.mkdirSync(lab, { recursive: true });
    fs.writeFileSync(path.join(lab, 'compose.yaml'), composeText);
    if (dockerfileText !== undefined) fs.writeFileSync(path.join(lab, 'Dockerfile'), dockerfileText);
    let out: string;
    try {
      ({ stdout: out } = await run(cmd[0]!, [...cmd.slice(1), '-f', path.join(lab, 'compose.yaml'), 'config'], {
        cwd: root,
        timeout: LIMITS.request * 3,
        env: { PATH: process.env.PATH ?? '', HOME: root },
      }));
    } catch (e) {
      const said = ((e as { stderr?: string }).stderr ?? (e as Error).message).replaceAll(root, '<repository>').trim();
      return { refused: `Compose refuses compose.yaml: ${said.split('\n').slice(-3).join(' ').slice(0, 400)}` };
    }
    return use(((parse(out) as { services?: Record<string, Service> } | null)?.services ?? {}) as Record<string, Service>, root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Runs Compose's own `config` on `composeText` (with `dockerfileText` beside it); resolves to
 * the problems found (empty when Compose accepts it and the service is right).
 */
export async function composeConfigProblems(cmd: string[], composeText: string, dockerfileText: string | undefined): Promise<string[]> {
  const result = await resolve(cmd, composeText, dockerfileText, (services, root) => {
    const built = Object.entries(services).filter(([, s]) => s.build !== undefined);
    if (built.length === 0) return ['no service in compose.yaml has a build: Compose would not build your image'];
    return built.flatMap(([name, s]) => serviceConfigProblems(name, s, root));
  });
  return 'refused' in result ? [result.refused] : result;
}

/**
 * The service Compose builds from this lab's Dockerfile, as Compose resolves it (its volumes,
 * environment, init).
 * @throws Error with Compose's words when it refuses the file, or when no service is built
 */
export async function builtService(cmd: string[], composeText: string, dockerfileText: string | undefined): Promise<Service> {
  const result = await resolve(cmd, composeText, dockerfileText, (services) => Object.values(services).find((s) => s.build !== undefined));
  if (result !== undefined && 'refused' in result) throw new Error(result.refused);
  if (result === undefined) throw new Error('no service in compose.yaml has a build: Compose would not build your image');
  return result;
}
