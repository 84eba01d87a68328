/**
 * Prunes package.json to the dependencies the compiled service really `require`s.
 *
 * The course's package.json also serves the notebooks (TF.js, tslab, the corpora, plotting),
 * which would add several hundred megabytes to the API image. Inside `docker build`, after
 * `tsc` (comments removed), this scans the emitted JavaScript for `require` calls of bare
 * package names and writes a copy of package.json whose dependency lists keep only those
 * packages, at the versions the lockfile already pins.
 *
 * usage (in the image's build stage): node dist/deploy/runtime-deps.js DIST_DIR PACKAGE_JSON OUT_JSON
 */
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const REQUIRE = /\brequire\(\s*["']([^"'./][^"']*)["']\s*\)/g;

/** Package name of a bare module specifier: `@scope/pkg/sub` → `@scope/pkg`, `pkg/sub` → `pkg`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Every package name required by the `.js` files under `dir` (recursively), builtins left out. */
export function requiredPackages(dir: string): Set<string> {
  const builtins = new Set(builtinModules);
  const found = new Set<string>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js')) {
        for (const match of readFileSync(path, 'utf8').matchAll(REQUIRE)) {
          const name = packageName(match[1]);
          if (!name.startsWith('node:') && !builtins.has(name)) found.add(name);
        }
      }
    }
  };
  walk(dir);
  return found;
}

type Manifest = Record<string, unknown> & {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

/**
 * The manifest with `dependencies` and `optionalDependencies` cut to `used` and
 * `devDependencies` dropped. Throws when a used package is not a declared dependency, because
 * the image would then fail at start-up instead of at build time.
 */
export function pruneManifest(manifest: Manifest, used: Set<string>): Manifest {
  const keep = (deps: Record<string, string> = {}): Record<string, string> =>
    Object.fromEntries(Object.entries(deps).filter(([name]) => used.has(name)));
  const dependencies = keep(manifest.dependencies);
  const optionalDependencies = keep(manifest.optionalDependencies);
  const missing = [...used].filter((name) => !(name in dependencies) && !(name in optionalDependencies));
  if (missing.length > 0) {
    throw new Error(`the service requires packages that package.json does not list as dependencies: ${missing.join(', ')}`);
  }
  const { devDependencies: _dev, ...rest } = manifest;
  return { ...rest, dependencies, optionalDependencies };
}

function main(argv: string[]): void {
  const [dist, input, output] = argv;
  if (!dist || !input || !output) throw new Error('usage: runtime-deps DIST_DIR PACKAGE_JSON OUT_JSON');
  const used = requiredPackages(dist);
  const pruned = pruneManifest(JSON.parse(readFileSync(input, 'utf8')) as Manifest, used);
  writeFileSync(output, JSON.stringify(pruned, null, 2) + '\n');
  console.log(`runtime dependencies: ${Object.keys(pruned.dependencies ?? {}).join(', ') || '(none)'}`);
}

if (require.main === module) main(process.argv.slice(2));
