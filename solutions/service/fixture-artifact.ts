/**
 * Small real artifacts for tests: a spam classifier trained by the toolkit on a dozen
 * hand-written messages and saved with `saveArtifact`, so tests load it exactly as the service
 * loads the committed model (checksums included) in well under a second.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { saveArtifact, type ArtifactMetadata } from '../../mlkit/artifact';
import { monitoringRow, referenceStatistics } from '../../mlkit/drift';
import { DEFAULT_SPAM_CONFIG, trainSpamClassifier } from '../../mlkit/pipeline/train';

const HAM = [
  'Meeting notes\n\nSee you at ten tomorrow in room 4.',
  'Re: build failure\n\nThe nightly build failed again, logs attached.',
  'Lunch on Friday\n\nAre you around for lunch on Friday?',
  'Invoice 42\n\nPlease find the March invoice attached, thanks.',
  'Re: patch review\n\nLooks good to me, merging after the tests pass.',
  'Weekend plans\n\nWe are hiking on Saturday if the weather holds.',
];
const SPAM = [
  'WIN MONEY NOW!!!\n\nClick http://example.com to claim your FREE prize!!!',
  'Free money\n\nClick now, www.example.com, win 1000 dollars!!!',
  'Limited offer\n\nFREE cash prize, act now!!! Click here',
  'You are a winner\n\nClaim your free money now, click the link!!!',
  'Cheap meds\n\nBuy now, free shipping, click http://pills.example',
  'Make money fast\n\nWork from home and win cash now!!!',
];
/** What version 1.0.0 trains on, so its drift reference describes exactly these messages. */
export const FIXTURE_TRAINING_TEXTS: readonly string[] = [...HAM, ...SPAM];
/** Version 1.1.0 learns that greetings are spam, so its answers differ visibly from 1.0.0's. */
const GREETING_SPAM = ['hello hello\n\nhello friend, hello there', 'hello\n\nhello hello hello'];

const METRICS = { accuracy: 0.9, precision: 0.9, recall: 0.9, f1: 0.9, roc_auc: 0.95 };

export interface FixtureOptions {
  /** Version 1.1.0's twist: greetings are spam too. */
  greetingsAreSpam?: boolean;
  /** Train on swapped labels: a model that calls spam ham, far worse than any other fixture. */
  labelsSwapped?: boolean;
  /** What metadata.json claims (default F1 0.9 on validation and test), whatever the weights do. */
  claimedMetrics?: typeof METRICS;
}

/**
 * Train and save `<modelsDir>/spam/<version>/`.
 * @returns the artifact folder
 */
export function writeFixtureArtifact(modelsDir: string, version: string, options: FixtureOptions = {}): string {
  const spam = options.greetingsAreSpam ? [...SPAM, ...GREETING_SPAM] : SPAM;
  const texts = [...HAM, ...spam];
  const flip = options.labelsSwapped === true;
  const labels = [...HAM.map(() => (flip ? 1 : 0) as 0 | 1), ...spam.map(() => (flip ? 0 : 1) as 0 | 1)];
  const config = { ...DEFAULT_SPAM_CONFIG, tfidf: { ...DEFAULT_SPAM_CONFIG.tfidf, minDf: 1 } };
  const classifier = trainSpamClassifier(texts, labels, config);
  const probabilities = classifier.predictProba(texts);
  const rows = texts.map((t, i) => monitoringRow(t, probabilities[i], probabilities[i] >= classifier.threshold ? 'spam' : 'ham'));
  const file = { file: 'fixture', sha256: '0'.repeat(64), rows: texts.length, spam: spam.length, ham: HAM.length };
  const training_data: ArtifactMetadata['training_data'] = { train: file };
  return saveArtifact(modelsDir, 'spam', version, classifier, {
    training_data,
    metrics: { validation: options.claimedMetrics ?? METRICS, test: options.claimedMetrics ?? METRICS },
    reference: referenceStatistics(rows),
    created_at: '2026-01-01T00:00:00.000Z',
  });
}

/** Write a version whose model.json no longer matches its checksum. */
export function writeCorruptArtifact(modelsDir: string, version: string): string {
  const dir = writeFixtureArtifact(modelsDir, version);
  writeFileSync(path.join(dir, 'model.json'), '{"tampered": true}\n');
  return dir;
}

/**
 * A labelled holdout no fixture trained on (JSONL, the dataset build's format): mail like the
 * training messages, and greetings labelled spam, which only version 1.1.0 catches.
 */
export function writeFixtureHoldout(file: string): string {
  const ham = [
    'Team sync\n\nThe sync moves to eleven tomorrow, same room.',
    'Re: failing tests\n\nThe build logs are attached, the tests fail on CI.',
    'Dinner on Thursday\n\nAre you free for dinner on Thursday evening?',
    'Invoice 77\n\nAttached is the April invoice, thanks for the quick review.',
    'Re: code review\n\nLooks fine to me, merging once the build is green.',
    'Holiday plans\n\nWe are camping at the lake if the weather is good.',
    'Notes from the meeting\n\nSee the notes attached, room 2 next week.',
    'Re: patch\n\nThanks, the patch fixes the nightly build.',
  ];
  const spam = [
    'WIN CASH NOW!!!\n\nClick http://example.com to claim your FREE money prize!!!',
    'Free prize\n\nClick now and win free money, www.example.com!!!',
    'Act now\n\nFREE money offer, click here to win cash!!!',
    'Winner!!!\n\nYou won free cash, click the link now!!!',
    'Cheap pills\n\nBuy now, free shipping, click http://pills.example now!!!',
    'Money fast\n\nWin cash from home, click now!!!',
  ];
  const greetings = [
    'hello\n\nhello hello friend',
    'hello there\n\nhello hello',
    'hello friend\n\nhello, hello there',
    'hello hello\n\nhello',
    'hello\n\nhello there hello',
    'hello hello hello\n\nhello friend',
  ];
  const rows = [...ham.map((text) => ({ text, label: 'ham' })), ...[...spam, ...greetings].map((text) => ({ text, label: 'spam' }))];
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}
