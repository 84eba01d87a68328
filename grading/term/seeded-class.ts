/**
 * A seeded class of lab 00 for the term tests and the similarity bench: the reference answer,
 * its faulty fixtures, four independent correct answers written in other styles (each also with
 * a fault of its own), planted near-copies (renamed variables, reordered functions), the
 * starter, a crash and an invalid entry. Every answer fills the starter's stubs, as a learner's
 * does, so the starter's code is in every submission (and must not count as similarity).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tar from 'tar';
import ts from 'typescript';
import { writeFault } from '../lib/faulty';
import type { Lab } from '../lib/labs';
import { REPO_ROOT } from '../harness/repo-root';

/** Function bodies of one answer, in the order of the starter's stubs. */
type Bodies = Record<'src/metrics.ts' | 'src/rule-model.ts', string[]>;

const STYLES: Record<string, Bodies> = {
  functional: {
    'src/metrics.ts': [
      'for (const [name, ys] of [["yTrue", yTrue], ["yPred", yPred]] as const) {\n  const i = ys.findIndex((y) => y !== 0 && y !== 1);\n  if (i >= 0) throw new Error(`${name}[${i}] is ${JSON.stringify(ys[i])}: labels must be the numbers 0 and 1`);\n}',
      'return yTrue.length === 0 ? NaN : yTrue.filter((y, i) => y === yPred[i]).length / yTrue.length;',
      'const hits = yPred.filter((p, i) => p === 1 && yTrue[i] === 1).length;\nconst called = yPred.filter((p) => p === 1).length;\nreturn called > 0 ? hits / called : 0;',
      'const hits = yTrue.filter((y, i) => y === 1 && yPred[i] === 1).length;\nconst real = yTrue.reduce((n, y) => n + (y === 1 ? 1 : 0), 0);\nreturn real > 0 ? hits / real : 0;',
    ],
    'src/rule-model.ts': [
      'return (text.toLowerCase().match(/[\\p{L}\\p{M}]+/gu) ?? []).filter((w) => SPAM_WORDS.includes(w)).length;',
      'return Number(spamScore(text) >= threshold);',
      'const score = (t: number): number => texts.reduce((n, x, i) => n + (predict(x, t) === labels[i] ? 1 : 0), 0);\nconst candidates = Array.from({ length: maxThreshold }, (_, k) => k + 1);\nreturn candidates.reduce((best, t) => (score(t) > score(best) ? t : best), 1);',
    ],
  },
  whileLoops: {
    'src/metrics.ts': [
      'let i = 0;\nwhile (i < yTrue.length) {\n  if (yTrue[i] !== 0 && yTrue[i] !== 1) throw new Error(`yTrue[${i}] is the ${typeof yTrue[i]} ${String(yTrue[i])}, not 0 or 1`);\n  if (yPred[i] !== 0 && yPred[i] !== 1) throw new Error(`yPred[${i}] is the ${typeof yPred[i]} ${String(yPred[i])}, not 0 or 1`);\n  i += 1;\n}',
      'let i = 0;\nlet same = 0;\nwhile (i < yTrue.length) {\n  same += yTrue[i] === yPred[i] ? 1 : 0;\n  i += 1;\n}\nreturn yTrue.length > 0 ? same / yTrue.length : Number.NaN;',
      'let i = 0;\nconst c = { good: 0, bad: 0 };\nwhile (i < yPred.length) {\n  if (yPred[i] === 1) {\n    if (yTrue[i] === 1) c.good += 1;\n    else c.bad += 1;\n  }\n  i += 1;\n}\nif (c.good + c.bad === 0) return 0;\nreturn c.good / (c.good + c.bad);',
      'let i = yTrue.length - 1;\nlet found = 0;\nlet missed = 0;\nwhile (i >= 0) {\n  if (yTrue[i] === 1) {\n    if (yPred[i] === 1) found++;\n    else missed++;\n  }\n  i--;\n}\nreturn found + missed ? found / (found + missed) : 0;',
    ],
    'src/rule-model.ts': [
      'const spam = new Set(SPAM_WORDS);\nlet count = 0;\nfor (const token of text.split(/[^\\p{L}\\p{M}]/u)) {\n  if (token.length > 0 && spam.has(token.toLowerCase())) count++;\n}\nreturn count;',
      'if (spamScore(text) < threshold) return 0;\nreturn 1;',
      'let chosen = 1;\nlet most = -Infinity;\nlet t = 1;\nwhile (t <= maxThreshold) {\n  let ok = 0;\n  for (let k = 0; k < texts.length; k++) if (predict(texts[k]!, t) === labels[k]) ok++;\n  if (ok > most) {\n    most = ok;\n    chosen = t;\n  }\n  t++;\n}\nreturn chosen;',
    ],
  },
  tally: {
    'src/metrics.ts': [
      'const bad = (ys: Labels): number => ys.findIndex((y) => !(typeof y === "number" && (y === 0 || y === 1)));\nif (bad(yTrue) >= 0) throw new Error(`yTrue[${bad(yTrue)}] = ${JSON.stringify(yTrue[bad(yTrue)])} is not a 0/1 label`);\nif (bad(yPred) >= 0) throw new Error(`yPred[${bad(yPred)}] = ${JSON.stringify(yPred[bad(yPred)])} is not a 0/1 label`);',
      'const n = yTrue.length;\nif (!n) return NaN;\nconst wrong = yTrue.map((y, k) => Math.abs(y - (yPred[k] ?? 0))).reduce((a, b) => a + b, 0);\nreturn (n - wrong) / n;',
      'const pairs = yTrue.map((y, k) => `${y}${yPred[k]}`);\nconst tp = pairs.filter((p) => p === "11").length;\nconst fp = pairs.filter((p) => p === "01").length;\nreturn tp === 0 && fp === 0 ? 0 : tp / (tp + fp);',
      'const pairs = yTrue.map((y, k) => `${y}${yPred[k]}`);\nconst tp = pairs.filter((p) => p === "11").length;\nconst fn = pairs.filter((p) => p === "10").length;\nreturn tp === 0 && fn === 0 ? 0 : tp / (tp + fn);',
    ],
    'src/rule-model.ts': [
      'const tally = new Map<string, number>();\nfor (const w of text.toLowerCase().replace(/[^\\p{L}\\p{M}]+/gu, " ").trim().split(" ")) tally.set(w, (tally.get(w) ?? 0) + 1);\nreturn SPAM_WORDS.map((w) => tally.get(w) ?? 0).reduce((a, b) => a + b, 0);',
      'const s = spamScore(text);\nreturn s >= threshold ? 1 : 0;',
      'const accuracies: number[] = [];\nfor (let t = 1; t <= maxThreshold; t++) accuracies.push(texts.map((x) => predict(x, t)).filter((p, k) => p === labels[k]).length);\nreturn accuracies.indexOf(Math.max(...accuracies)) + 1;',
    ],
  },
  recursive: {
    'src/metrics.ts': [
      'const check = (name: string, ys: Labels, k: number): void => {\n  if (k === ys.length) return;\n  if (ys[k] !== 0 && ys[k] !== 1) throw new Error(`${name}[${k}] is ${JSON.stringify(ys[k])} (${typeof ys[k]}): only the numbers 0 and 1 are labels`);\n  check(name, ys, k + 1);\n};\ncheck("yTrue", yTrue, 0);\ncheck("yPred", yPred, 0);',
      'const agree = (k: number): number => (k === yTrue.length ? 0 : (yTrue[k] === yPred[k] ? 1 : 0) + agree(k + 1));\nreturn yTrue.length === 0 ? NaN : agree(0) / yTrue.length;',
      'let predictedSpam = 0;\nlet correctSpam = 0;\nyPred.forEach((p, k) => {\n  predictedSpam += p;\n  correctSpam += p * (yTrue[k] ?? 0);\n});\nreturn predictedSpam === 0 ? 0 : correctSpam / predictedSpam;',
      'let actualSpam = 0;\nlet caughtSpam = 0;\nyTrue.forEach((y, k) => {\n  actualSpam += y;\n  caughtSpam += y * (yPred[k] ?? 0);\n});\nreturn actualSpam === 0 ? 0 : caughtSpam / actualSpam;',
    ],
    'src/rule-model.ts': [
      'let n = 0;\nconst re = /[\\p{L}\\p{M}]+/gu;\nfor (let m = re.exec(text); m !== null; m = re.exec(text)) if (SPAM_WORDS.indexOf(m[0].toLowerCase()) >= 0) n += 1;\nreturn n;',
      'return threshold <= spamScore(text) ? 1 : 0;',
      'const right = (t: number): number => labels.filter((l, k) => l === predict(texts[k] ?? "", t)).length;\nlet pick = maxThreshold;\nfor (let t = maxThreshold - 1; t >= 1; t--) if (right(t) >= right(pick)) pick = t;\nreturn pick;',
    ],
  },
};

/** One fault per style (find → replace in the filled file): a learner's kind of mistake. */
const STYLE_FAULTS: Record<string, [string, string, string]> = {
  functional: ['src/rule-model.ts', 'Number(spamScore(text) >= threshold)', 'Number(spamScore(text) > threshold)'],
  whileLoops: [
    'src/metrics.ts',
    'return yTrue.length > 0 ? same / yTrue.length : Number.NaN;',
    'return yTrue.length > 0 ? same / yTrue.length : 0;',
  ],
  tally: ['src/rule-model.ts', '.replace(/[^\\p{L}\\p{M}]+/gu, " ")', '.replace(/\\s+/g, " ")'],
  recursive: [
    'src/metrics.ts',
    'return actualSpam === 0 ? 0 : caughtSpam / actualSpam;',
    'return actualSpam === 0 ? 1 : caughtSpam / actualSpam;',
  ],
};

const STUB = /^( *)(?:void \[[^\]\n]*\]; \/\/ your inputs\n\1)?throw new Error\("[^"\n]*not implemented[^\n]*\n/gm;

/** The starter's `file` with its stubs replaced by `bodies`, in order. */
export function fillStarter(lab: Lab, file: string, bodies: readonly string[]): string {
  const starter = fs.readFileSync(path.join(REPO_ROOT, 'labs', lab.config.id, file), 'utf8');
  let i = 0;
  const out = starter.replace(
    STUB,
    (_m, indent: string) =>
      `${bodies[i++]!.split('\n')
        .map((l) => indent + l)
        .join('\n')}\n`,
  );
  if (i !== bodies.length) throw new Error(`${file}: the starter has ${i} stubs, the answer ${bodies.length} bodies`);
  return out;
}

/** Near-copy: identifiers renamed, top-level functions in reverse order (what a copier does). */
export function disguise(text: string, renames: Readonly<Record<string, string>>): string {
  const sf = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true);
  const fns = sf.statements.filter(ts.isFunctionDeclaration).map((s) => s.getFullText(sf));
  const rest = sf.statements.filter((s) => !ts.isFunctionDeclaration(s)).map((s) => s.getFullText(sf));
  const moved = [...rest, ...fns.reverse()].join('');
  return Object.entries(renames).reduce((t, [from, to]) => t.replace(new RegExp(`\\b${from}\\b`, 'g'), to), moved) + '\n';
}

function writeFiles(dest: string, files: ReadonlyMap<string, string>): void {
  for (const [f, text] of files) {
    fs.mkdirSync(path.dirname(path.join(dest, f)), { recursive: true });
    fs.writeFileSync(path.join(dest, f), text);
  }
}

function styleFiles(lab: Lab, style: string): Map<string, string> {
  const b = STYLES[style]!;
  return new Map(lab.config.files.map((f) => [f, fillStarter(lab, f, b[f as keyof Bodies])]));
}

function withFault(files: Map<string, string>, [file, find, replace]: [string, string, string]): Map<string, string> {
  const text = files.get(file)!;
  if (text.split(find).length !== 2) throw new Error(`seeded class: "${find}" must occur once in ${file}`);
  return new Map(files).set(file, text.replace(find, replace));
}

const RENAMES = {
  tp: 'hits',
  fp: 'falseAlarms',
  fn: 'misses',
  right: 'correct',
  best: 'winner',
  bestRight: 'winnerCount',
  words: 'tokens',
  c: 'counts',
  good: 'ok',
  bad: 'wrong',
  same: 'agree',
  found: 'caught',
  missed: 'lost',
  chosen: 'choice',
  most: 'top',
  ok: 'okCount',
};

/** Who is who in the seeded class: the planted copy pairs, and each submission's author. */
export interface SeededClass {
  dir: string;
  ids: string[];
  /** [original, near-copy]: each must be flagged. */
  planted: [string, string][];
  /** Author of each submission; pairs with different authors are independent work. */
  origin: Record<string, string>;
}

function addAnswers(lab: Lab, add: (id: string, origin: string, files: Map<string, string>) => void): void {
  const ref = new Map(lab.config.files.map((f) => [f, fs.readFileSync(path.join(lab.dir, f), 'utf8')]));
  add('s01-reference', 'reference', ref);
  for (const [i, style] of Object.keys(STYLES).entries()) {
    add(`s${String(i + 2).padStart(2, '0')}-${style}`, style, styleFiles(lab, style));
    add(`s${String(i + 6).padStart(2, '0')}-${style}-fault`, style, withFault(styleFiles(lab, style), STYLE_FAULTS[style]!));
  }
  const copy = (files: Map<string, string>): Map<string, string> => new Map([...files].map(([f, t]) => [f, disguise(t, RENAMES)]));
  add('s10-copy-of-reference', 'reference', copy(ref));
  add('s11-copy-of-whileLoops', 'whileLoops', copy(styleFiles(lab, 'whileLoops')));
  add('s12-copy-of-tally', 'tally', copy(styleFiles(lab, 'tally')));
  add(
    's13-starter',
    'starter',
    new Map(lab.config.files.map((f) => [f, fs.readFileSync(path.join(REPO_ROOT, 'labs', lab.config.id, f), 'utf8')])),
  );
  add('s14-crash', 'reference', new Map(ref).set('src/metrics.ts', `process.exit(3);\n${ref.get('src/metrics.ts')}`));
  add(
    's18-reference-empty-is-0',
    'reference',
    withFault(ref, ['src/metrics.ts', 'if (yTrue.length === 0) return NaN;', 'if (yTrue.length === 0) return 0;']),
  );
  add(
    's19-functional-recall-fault',
    'functional',
    withFault(styleFiles(lab, 'functional'), [
      'src/metrics.ts',
      'return real > 0 ? hits / real : 0;',
      'return real > 0 ? hits / yTrue.length : 0;',
    ]),
  );
  add(
    's20-tally-two-faults',
    'tally',
    withFault(withFault(styleFiles(lab, 'tally'), STYLE_FAULTS['tally']!), [
      'src/rule-model.ts',
      'return s >= threshold ? 1 : 0;',
      'return s > threshold ? 1 : 0;',
    ]),
  );
}

/** An archive entry, as learners hand in: `<id>.tar.gz` of the answer's files. */
function addArchive(dir: string, id: string, files: ReadonlyMap<string, string>): void {
  const staging = path.join(dir, `.${id}`);
  writeFiles(staging, files);
  tar.create({ gzip: true, sync: true, file: path.join(dir, `${id}.tar.gz`), cwd: staging, portable: true }, [...files.keys()]);
  fs.rmSync(staging, { recursive: true, force: true });
}

/**
 * Writes the seeded class into `dir` (one folder per submission, plus one invalid entry) and
 * `extra` more copies of the independent answers with a line of their own, for a bigger class.
 */
export function writeSeededClass(lab: Lab, dir: string, extra = 0): SeededClass {
  const origin: Record<string, string> = {};
  const add = (id: string, who: string, files: Map<string, string>): void => {
    writeFiles(path.join(dir, id), files);
    origin[id] = who;
  };
  addAnswers(lab, add);
  addArchive(dir, 's17-recursive-archive', styleFiles(lab, 'recursive'));
  origin['s17-recursive-archive'] = 'recursive';
  for (const fault of ['faulty-strict-threshold', 'faulty-swapped-precision-recall']) {
    writeFault(lab, fault, path.join(dir, `s15-${fault}`));
    origin[`s15-${fault}`] = 'reference';
  }
  fs.mkdirSync(path.join(dir, 's16-invalid'), { recursive: true });
  fs.writeFileSync(path.join(dir, 's16-invalid', 'notes.txt'), 'I could not finish the lab.\n');
  origin['s16-invalid'] = 'invalid';
  for (let k = 0; k < extra; k++) {
    const style = Object.keys(STYLES)[k % 4]!;
    add(
      `x${String(k).padStart(3, '0')}-${style}`,
      `extra-${k}`,
      new Map(styleFiles(lab, style)).set('src/metrics.ts', `${styleFiles(lab, style).get('src/metrics.ts')}\n// learner ${k}\n`),
    );
  }
  const planted: [string, string][] = [
    ['s01-reference', 's10-copy-of-reference'],
    ['s03-whileLoops', 's11-copy-of-whileLoops'],
    ['s04-tally', 's12-copy-of-tally'],
  ];
  return { dir, ids: Object.keys(origin).sort(), planted, origin };
}
