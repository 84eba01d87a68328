/** Instructor checks for lab 00: edge cases and training. Never copied to labs/. */
import { check, expectClose, submission } from '../../../grading/harness';

const METRICS = 'src/metrics.ts';
const MODEL = 'src/rule-model.ts';
const call = (file: string, fn: string, ...args: unknown[]): Promise<unknown> => submission().call(file, fn, args);

/** The error message `fn(...args)` throws; fails the check when it answers instead. */
async function refusal(file: string, fn: string, ...args: unknown[]): Promise<string> {
  let answer: unknown;
  try {
    answer = await call(file, fn, ...args);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${fn}(${args.map((a) => JSON.stringify(a)).join(', ')}) answered ${JSON.stringify(answer)}: expected an Error`);
}

describe('lab-00 instructor checks', () => {
  check('accuracy of nothing is NaN', 1, `${METRICS}: accuracy() with empty arrays`, async () => {
    expectClose(await call(METRICS, 'accuracy', [], []), NaN);
  });
  check('precision is 0 when nothing is predicted positive', 1, `${METRICS}: precision(), the 0 / 0 case`, async () => {
    expectClose(await call(METRICS, 'precision', [1, 0], [0, 0]), 0);
  });
  check('recall is 0 when there is no positive example', 1, `${METRICS}: recall(), the 0 / 0 case`, async () => {
    expectClose(await call(METRICS, 'recall', [0, 0], [1, 0]), 0);
  });
  check('precision and recall differ on an unbalanced example', 2, `${METRICS}: precision() vs recall()`, async () => {
    const yTrue = [1, 1, 1, 0, 0, 0, 0, 0];
    const yPred = [1, 0, 0, 1, 0, 0, 0, 0];
    expectClose(await call(METRICS, 'precision', yTrue, yPred), 0.5, 1e-9, 'precision');
    expectClose(await call(METRICS, 'recall', yTrue, yPred), 1 / 3, 1e-9, 'recall');
  });
  check('predict: a text scoring exactly the threshold is spam', 1, `${MODEL}: predict() uses >=`, async () => {
    expectClose(await call(MODEL, 'predict', 'urgent offer', 2), 1);
  });
  check('spamScore ignores words that only contain a spam word', 1, `${MODEL}: spamScore() counts whole words`, async () => {
    expectClose(await call(MODEL, 'spamScore', 'freedom of the moneyed offers'), 0);
  });
  check('precision and recall of no examples are 0', 1, `${METRICS}: precision() and recall() with empty arrays`, async () => {
    // No example is also nothing predicted positive and nothing positive: the documented 0, not accuracy's NaN.
    expectClose(await call(METRICS, 'precision', [], []), 0, 0, 'precision([], [])');
    expectClose(await call(METRICS, 'recall', [], []), 0, 0, 'recall([], [])');
  });
  check(
    'spamScore splits words joined by punctuation, digits, symbols or a line break',
    1,
    `${MODEL}: spamScore() splits on anything that is not a letter (punctuation, digits, symbols), not only on spaces`,
    async () => {
      // Mail text is subject + "\n\n" + body, and spam glues words together with dashes, slashes and dots.
      expectClose(await call(MODEL, 'spamScore', 'FREE-cash/prize...CLICK:here'), 4, 0, 'spamScore("FREE-cash/prize...CLICK:here")');
      expectClose(
        await call(MODEL, 'spamScore', 'Subject: urgent\n\nwinner\t(offer)'),
        3,
        0,
        'spamScore("Subject: urgent\\n\\nwinner\\t(offer)")',
      );
      expectClose(await call(MODEL, 'spamScore', '«free»—money…'), 2, 0, 'spamScore("«free»—money…")');
      // An underscore is punctuation too, though a regular expression's \w counts it as part of a word.
      expectClose(await call(MODEL, 'spamScore', 'click_here_for_cash'), 2, 0, 'spamScore("click_here_for_cash")');
      // Digits and symbols glue words too ("free4you", "$cash$"), not only punctuation.
      expectClose(await call(MODEL, 'spamScore', 'FREE4you$cash@winner#1'), 3, 0, 'spamScore("FREE4you$cash@winner#1")');
      expectClose(await call(MODEL, 'spamScore', '100%free+money=offer~prize'), 4, 0, 'spamScore("100%free+money=offer~prize")');
    },
  );
  check(
    'spamScore: a letter of any alphabet belongs to its word ("cashé" is not "cash"), and such words are counted like any other',
    1,
    `${MODEL}: spamScore() splits on what is not a letter of any alphabet (\\p{L}), not on what is not a–z`,
    async () => {
      // Mail is not all English: an accented or non-Latin letter is part of a word, so a spam word
      // glued to one is another word, however the regular expression spells "letter".
      expectClose(await call(MODEL, 'spamScore', 'cashé moneyño clické'), 0, 0, 'spamScore("cashé moneyño clické")');
      expectClose(await call(MODEL, 'spamScore', 'ÉCLICK FREEÖL'), 0, 0, 'spamScore("ÉCLICK FREEÖL")');
      expectClose(await call(MODEL, 'spamScore', 'Straße prize, naïve offer'), 2, 0, 'spamScore("Straße prize, naïve offer")');
      expectClose(await call(MODEL, 'spamScore', 'деньги: free cash, café'), 2, 0, 'spamScore("деньги: free cash, café")');
    },
  );
  check('a text without words scores 0 and is ham', 1, `${MODEL}: spamScore() when the text has no letters at all`, async () => {
    expectClose(await call(MODEL, 'spamScore', ''), 0, 0, 'spamScore("")');
    expectClose(await call(MODEL, 'spamScore', '!!! 123 ???'), 0, 0, 'spamScore("!!! 123 ???")');
    expectClose(await call(MODEL, 'predict', '', 1), 0, 0, 'predict("", 1)');
  });
  check('fitThreshold picks the most accurate threshold', 2, `${MODEL}: fitThreshold()`, async () => {
    const texts = ['free cash prize', 'urgent: click for free money', 'free lunch today', 'meeting at noon', 'winner winner'];
    expectClose(await call(MODEL, 'fitThreshold', texts, [1, 1, 0, 0, 1], 5), 2);
  });
  check(
    'fitThreshold tries every threshold up to maxThreshold (default 5), and none beyond',
    1,
    `${MODEL}: fitThreshold(), the loop's last threshold is maxThreshold itself`,
    async () => {
      // Scores 5, 4, 3, 2, 1 with only the first spam: each higher threshold is right once more.
      const texts = [
        'free cash prize: click, urgent!',
        'free money offer, click now',
        'winner of a prize in cash',
        'free lunch, urgent reply',
        'a free seat',
      ];
      const labels = [1, 0, 0, 0, 0];
      expectClose(await call(MODEL, 'fitThreshold', texts, labels, 4), 4, 0, 'fitThreshold(texts, labels, 4)');
      expectClose(await call(MODEL, 'fitThreshold', texts, labels), 5, 0, 'fitThreshold(texts, labels) with the default maxThreshold');
    },
  );
  check(
    'fitThreshold answers at least 1, even when every threshold is wrong',
    1,
    `${MODEL}: fitThreshold() tries 1..maxThreshold`,
    async () => {
      // Spam without spam words: threshold 0 would be "right", but it is not in the range the docs give.
      expectClose(
        await call(MODEL, 'fitThreshold', ['see you at noon', 'lunch?'], [1, 1], 3),
        1,
        0,
        'fitThreshold(two spams without spam words, …, 3)',
      );
    },
  );
  check('fitThreshold breaks ties with the smallest threshold', 1, `${MODEL}: fitThreshold(), ties`, async () => {
    expectClose(await call(MODEL, 'fitThreshold', ['hello', 'world'], [0, 0], 3), 1);
  });
  check(
    'the metrics refuse labels that are not the numbers 0 and 1, naming the bad label',
    1,
    `${METRICS}: checkLabels(), every label is the number 0 or 1 (not true, -1 or '1')`,
    async () => {
      // A label column read as text, booleans, and -1/1 labels are each scored "fine" by === 1 or by truthiness.
      // A missing label (null in a JSON column) is no label at all, so it is refused too.
      // [fn, yTrue, yPred, the array and position the message must name, the value it must show]
      const cases: [string, unknown[], unknown[], string, RegExp][] = [
        ['accuracy', [1, 0, 1], [1, 0, '1'], 'yPred[2]', /["'`]1["'`]|string/],
        ['precision', [true, false], [1, 0], 'yTrue[0]', /true|boolean/],
        ['recall', [1, -1, 1], [1, 0, 1], 'yTrue[1]', /-1/],
        ['precision', [1, 0, 0.5], [1, 0, 1], 'yTrue[2]', /0\.5/],
        ['accuracy', [1, 0, 0], [1, null, 0], 'yPred[1]', /null|undefined|missing/],
      ];
      for (const [fn, yTrue, yPred, where, mentions] of cases) {
        const message = await refusal(METRICS, fn, yTrue, yPred);
        const [name, index] = [where.slice(0, 5), where.slice(6, -1)];
        const named = message.includes(name) && new RegExp(`(^|\\D)${index}(\\D|$)`).test(message);
        if (!mentions.test(message) || !named || /not implemented|did not finish|stopped/.test(message))
          throw new Error(
            `${fn}(${JSON.stringify(yTrue)}, ${JSON.stringify(yPred)}) threw "${message}": expected an Error naming the array, the position and the bad label (${where})`,
          );
      }
      expectClose(await call(METRICS, 'accuracy', [0, 1], [0, 1]), 1, 0, 'accuracy([0, 1], [0, 1]) still answers');
    },
  );
});
