/**
 * Public check for lab 01's `record` call, by its effect: the service's `/metrics` counts every
 * prediction your route answers (`predictions_total{class}`), and nothing for a request it
 * refuses. Lab 04's prediction log and metrics are fed by the same call, so a route that skips it
 * (or records a refused request) leaves monitoring blind from lab 04 on.
 */
import { check, excerpt, request, requestJson, servedApp } from '../../../grading/harness';
import { APP, START_MS } from './http';

type Counts = { spam: number; ham: number };

/** `predictions_total{class="…"}` in a Prometheus exposition (0 when the series is absent). */
function predictionsTotal(exposition: string): Counts {
  const read = (cls: keyof Counts): number => {
    const line = exposition.split('\n').find((l) => l.startsWith(`predictions_total{class="${cls}"}`));
    return line ? Number(line.split(' ').pop()) : 0;
  };
  return { spam: read('spam'), ham: read('ham') };
}

async function scrape(socket: string): Promise<Counts> {
  const res = await request(socket, 'GET', '/metrics');
  if (res.status !== 200) throw new Error(`GET /metrics: expected 200, got ${res.status} ${res.body.slice(0, 300)}`);
  return predictionsTotal(res.body);
}

/** What the app answered: the class of every prediction in a 200 answer. */
function answeredClasses(body: Record<string, unknown>): string[] {
  if (typeof body['prediction'] === 'string') return [body['prediction']];
  const predictions = body['predictions'];
  return Array.isArray(predictions) ? predictions.map((p: { prediction?: unknown }) => String(p?.prediction)) : [];
}

const ANSWERED: unknown[] = [
  { text: 'FREE money!!! Click here to claim your prize now' },
  {
    instances: [{ text: 'Lunch at noon on Tuesday?' }, { text: 'WINNER! Claim your free cash prize today' }, { text: 'Minutes attached.' }],
  },
];
const REFUSED: unknown[] = [{ txt: 'hi' }, { instances: [] }];

describe('lab-01 public checks: the route records what it answers', () => {
  check(
    'every answered prediction is counted in /metrics by class (predictions_total), and a refused request adds nothing',
    2,
    `${APP}: handlePredict() calls record(model, texts, predictions) once per answered request, after the body was read and a model found`,
    async () => {
      // An app of its own, so the other checks' traffic does not move its counters.
      const socket = await servedApp(APP, 'createLabApp', [], { startMs: START_MS, instance: 'record' });
      const before = await scrape(socket);
      const expected: Counts = { spam: 0, ham: 0 };
      for (const body of ANSWERED) {
        const res = await requestJson(socket, 'POST', '/predict', body);
        if (res.status !== 200) throw new Error(`POST /predict ${JSON.stringify(body)}: expected 200, got ${res.status} ${excerpt(res)}`);
        for (const cls of answeredClasses(res.body)) if (cls === 'spam' || cls === 'ham') expected[cls] += 1;
      }
      for (const body of REFUSED) await requestJson(socket, 'POST', '/predict', body);
      const after = await scrape(socket);
      const got: Counts = { spam: after.spam - before.spam, ham: after.ham - before.ham };
      if (got.spam !== expected.spam || got.ham !== expected.ham) {
        throw new Error(
          `after 4 answered predictions (${expected.spam} spam, ${expected.ham} ham) and 2 refused requests, expected predictions_total to grow by spam ${expected.spam}, ham ${expected.ham}; it grew by spam ${got.spam}, ham ${got.ham}` +
            (got.spam + got.ham === 0 ? ' (is record(…) called at all?)' : ''),
        );
      }
    },
  );
});
