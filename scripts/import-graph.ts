/**
 * The import graph of the project's own TypeScript files (those `tsconfig.json` includes), and
 * a search for cycles in it. A cycle makes load order decide which module sees the other half
 * initialised, so the project keeps none; `import-graph.test.ts` enforces it.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** File → the project files it imports (absolute paths). */
export type ImportGraph = Map<string, string[]>;

/**
 * Module names a file loads at run time: `import`/`export … from`, `import x = require()`,
 * `require()` and `import()`. Type-only imports are left out: they are erased, so they cannot
 * make modules load in a cycle.
 */
export function importedNames(fileName: string, text: string): string[] {
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      if (!typeOnly(node)) names.push(node.moduleSpecifier.text);
    } else if (ts.isExternalModuleReference(node) && ts.isStringLiteral(node.expression)) {
      names.push(node.expression.text);
    } else if (ts.isCallExpression(node) && isLoader(node.expression) && node.arguments.length === 1) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteralLike(arg)) names.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS));
  return names;
}

/** `import type …`, `export type …`, or braces that name types only (`import { type A }`). */
function typeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node))
    return (
      node.isTypeOnly || (node.exportClause !== undefined && ts.isNamedExports(node.exportClause) && allTypes(node.exportClause.elements))
    );
  const clause = node.importClause;
  if (clause === undefined) return false; // `import './x'` runs the module
  if (clause.isTypeOnly) return true;
  return (
    clause.name === undefined &&
    clause.namedBindings !== undefined &&
    ts.isNamedImports(clause.namedBindings) &&
    allTypes(clause.namedBindings.elements)
  );
}

function allTypes(elements: ts.NodeArray<ts.ImportSpecifier | ts.ExportSpecifier>): boolean {
  return elements.length > 0 && elements.every((e) => e.isTypeOnly);
}

function isLoader(callee: ts.Expression): boolean {
  return callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
}

/** A relative module name → the project file it loads, or undefined for packages and non-TS files. */
export function resolveRelative(from: string, name: string, files: ReadonlySet<string>): string | undefined {
  if (!name.startsWith('./') && !name.startsWith('../')) return undefined;
  const base = path.resolve(path.dirname(from), name);
  return [base, `${base}.ts`, path.join(base, 'index.ts')].find((candidate) => files.has(candidate));
}

/** The files `tsconfig.json` in `root` includes (so exclusions such as submissions apply). */
export function projectFiles(root: string): string[] {
  const configFile = path.join(root, 'tsconfig.json');
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configFile).fileNames.map((f) => path.resolve(f));
}

export function importGraph(files: readonly string[]): ImportGraph {
  const known = new Set(files);
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const targets = importedNames(file, fs.readFileSync(file, 'utf8')).map((name) => resolveRelative(file, name, known));
    graph.set(file, [...new Set(targets.filter((t): t is string => t !== undefined))]);
  }
  return graph;
}

/**
 * Finds the cycles of `graph` by depth-first search: each back edge closes one.
 *
 * @returns one path per back edge, first file repeated at the end (`a → b → a`); [] when acyclic.
 */
export function findCycles(graph: ImportGraph): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}
