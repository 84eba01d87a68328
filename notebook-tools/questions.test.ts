import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { answerProblems, answersOf, courseAnswerProblems, questionsOf } from './questions';

const ROOT = path.resolve(__dirname, '..');

const LESSON = `# 99 · A lesson

## Questions

1. Why is the sky
   blue?
2. What is \`C\`?

## Go further

1. Not a question.
`;

const ANSWERS = `# 99 · A lesson — answers

For the instructor.

## 1. Why is the sky blue?

Rayleigh scattering.

## 2. What is \`C\`?

The inverse of the penalty's strength.
`;

describe('Questions and their answers', () => {
  it('reads the numbered Questions of a lesson, joining a question continued on the next line', () => {
    assert.deepEqual(questionsOf(LESSON), ['Why is the sky blue?', 'What is `C`?']);
  });

  it('reads each answer under the heading that repeats its question', () => {
    assert.deepEqual(answersOf(ANSWERS), [
      { number: 1, question: 'Why is the sky blue?', answer: 'Rayleigh scattering.' },
      { number: 2, question: 'What is `C`?', answer: "The inverse of the penalty's strength." },
    ]);
  });

  it('finds nothing wrong when every Question has its answer', () => {
    assert.deepEqual(answerProblems(questionsOf(LESSON), answersOf(ANSWERS)), []);
  });

  it('names a new Question without an answer, a reworded one, an empty answer and a stray one', () => {
    const questions = ['Why is the sky blue?', 'What is `C` for?', 'Why?'];
    const answers = [...answersOf(ANSWERS), { number: 4, question: 'Gone?', answer: 'yes' }];
    answers[0] = { ...answers[0]!, answer: '' };
    assert.deepEqual(answerProblems(questions, answers), [
      'answer 1 is empty',
      'answer 2 repeats another question ("What is `C`?"); the lesson now asks "What is `C` for?"',
      'Question 3 has no answer: "Why?"',
      'answer 4 answers no Question of the lesson',
    ]);
  });

  it("every Question of every lesson has the instructor's answer", () => {
    assert.ok(questionsOf(fs.readFileSync(path.join(ROOT, 'notebooks/src/07-from-notebook-to-service.md'), 'utf8')).length > 0);
    assert.deepEqual(courseAnswerProblems(ROOT), []);
  });

  it('the answers stay on the solutions side: nothing under notebooks/ holds them', () => {
    const learnerFiles = fs.readdirSync(path.join(ROOT, 'notebooks'), { recursive: true }).map(String);
    assert.deepEqual(
      learnerFiles.filter((f) => /answers/i.test(f)),
      [],
    );
  });
});
