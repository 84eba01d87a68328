/**
 * The Questions at the end of each lesson, and the instructor's answers to them
 * (`solutions/notebooks/answers/NN-title.md`, never copied to `notebooks/`): a Question without
 * an answer, or an answer to a Question that has since been reworded, is a test failure.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** One answered Question, as the answers file holds it. */
export interface Answer {
  number: number;
  question: string;
  answer: string;
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The lines of the section under `heading` (a `## ` heading), up to the next `## ` heading. */
function section(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.trim() === `## ${heading}`);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? lines.length : end);
}

/**
 * The Questions of a lesson source, in order, each on one line: the numbered items
 * (`1. …`, continued on indented lines) of its `## Questions` section.
 */
export function questionsOf(markdown: string): string[] {
  const items: string[] = [];
  for (const line of section(markdown, 'Questions')) {
    const item = /^\d+\.\s+(.*)$/.exec(line);
    if (item) items.push(item[1]!);
    else if (/^\s+\S/.test(line) && items.length > 0) items[items.length - 1] += ` ${line}`;
  }
  return items.map(oneLine);
}

/** The answers of an answers file: each `## K. <the question>` heading and the text under it. */
export function answersOf(markdown: string): Answer[] {
  const answers: Answer[] = [];
  for (const line of markdown.split('\n')) {
    const heading = /^## (\d+)\.\s+(.*)$/.exec(line);
    if (heading) answers.push({ number: Number(heading[1]), question: oneLine(heading[2]!), answer: '' });
    else if (line.startsWith('## ')) break;
    else if (answers.length > 0) answers[answers.length - 1]!.answer += `${line}\n`;
  }
  return answers.map((a) => ({ ...a, answer: a.answer.trim() }));
}

/** What is wrong with `answers` for `questions`, in words an instructor can act on; empty when nothing is. */
export function answerProblems(questions: string[], answers: Answer[]): string[] {
  const problems: string[] = [];
  questions.forEach((question, i) => {
    const found = answers.find((a) => a.number === i + 1);
    if (!found) problems.push(`Question ${i + 1} has no answer: "${question}"`);
    else if (found.question !== question)
      problems.push(`answer ${i + 1} repeats another question ("${found.question}"); the lesson now asks "${question}"`);
    else if (!found.answer) problems.push(`answer ${i + 1} is empty`);
  });
  for (const a of answers)
    if (a.number < 1 || a.number > questions.length) problems.push(`answer ${a.number} answers no Question of the lesson`);
  return problems;
}

/** Where the answers to a lesson's Questions live: beside the solution notebooks, same name. */
export function answersFile(root: string, lessonSource: string): string {
  return path.join(root, 'solutions', 'notebooks', 'answers', path.basename(lessonSource));
}

/** Every problem with the answers of every lesson under `root`, prefixed with the answers file's name. */
export function courseAnswerProblems(root: string): string[] {
  const sources = path.join(root, 'notebooks', 'src');
  return fs
    .readdirSync(sources)
    .filter((f) => /^\d\d-.*\.md$/.test(f))
    .sort()
    .flatMap((f) => {
      const questions = questionsOf(fs.readFileSync(path.join(sources, f), 'utf8'));
      if (questions.length === 0) return [];
      const file = answersFile(root, f);
      const where = path.relative(root, file);
      if (!fs.existsSync(file)) return [`${where}: missing (notebooks/src/${f} asks ${questions.length} Questions)`];
      return answerProblems(questions, answersOf(fs.readFileSync(file, 'utf8'))).map((p) => `${where}: ${p}`);
    });
}
