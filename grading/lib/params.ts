/**
 * Which parameters of the function around a region the starter no longer reads, so the stub
 * can mention them and the starter still compiles under `noUnusedParameters`.
 */
import ts from 'typescript';

interface Span {
  begin: number;
  end: number;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

function bindingNames(name: ts.BindingName, out: string[]): void {
  if (ts.isIdentifier(name)) {
    if (name.text !== 'this') out.push(name.text);
    return;
  }
  for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(el.name, out);
}

function innermostFunction(source: ts.SourceFile, pos: number): ts.FunctionLikeDeclaration | undefined {
  let found: ts.FunctionLikeDeclaration | undefined;
  const visit = (node: ts.Node): void => {
    if (pos < node.getFullStart() || pos >= node.getEnd()) return;
    if (ts.isFunctionLike(node) && 'body' in node && node.body && pos >= node.body.getStart(source)) {
      found = node as ts.FunctionLikeDeclaration;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Names of the parameters of the function enclosing `region` that are not read once every
 * region of the file is removed. Empty when the region is not inside a function.
 */
export function unusedParamsAt(file: string, text: string, region: Span): string[] {
  const starts = lineStarts(text);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const fn = innermostFunction(source, starts[region.begin - 1] ?? 0);
  if (!fn?.body) return [];
  const names: string[] = [];
  for (const p of fn.parameters) bindingNames(p.name, names);
  // The function's body text with this region's lines cut out: what the starter keeps.
  const bodyStart = fn.body.getStart(source);
  const cutFrom = starts[region.begin - 1] ?? bodyStart;
  const cutTo = starts[region.end] ?? text.length;
  const kept = text.slice(bodyStart, cutFrom) + text.slice(cutTo, fn.body.getEnd());
  return names.filter((n) => !new RegExp(`(^|[^\\w$.])${n.replace(/\$/g, '\\$')}(?![\\w$])`).test(kept));
}
