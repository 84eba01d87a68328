import assert from 'node:assert/strict';
import { UsageError } from '../grading/lib/usage';
import { parseRetrainArgs } from './recs-retrain-args';

const usage =
  (re: RegExp) =>
  (e: unknown): boolean =>
    e instanceof UsageError && re.test(e.message);

describe('npm run recs:retrain arguments', () => {
  it('reads --month with the defaults: models/, the built shop log, ALS, recall, no service', () => {
    const a = parseRetrainArgs(['--month', '2010-06']);
    assert.equal(a.month?.label, '2010-06');
    assert.deepEqual(
      { ...a, month: undefined },
      {
        month: undefined,
        rollback: false,
        modelsDir: 'models',
        log: 'datasets/build/shop/shop.sqlite',
        model: 'als',
        metric: 'recall',
        service: undefined,
        help: false,
      },
    );
  });
  it('reads --service with --token, or with the token from ADMIN_TOKEN', () => {
    assert.deepEqual(parseRetrainArgs(['--month=2010-06', '--service', 'http://127.0.0.1:3001/', '--token', 't']).service, {
      url: 'http://127.0.0.1:3001',
      token: 't',
    });
    assert.deepEqual(parseRetrainArgs(['--rollback', '--service', 'http://127.0.0.1:3001'], { ADMIN_TOKEN: 'from-env' }).service, {
      url: 'http://127.0.0.1:3001',
      token: 'from-env',
    });
  });
  it('rejects a month that is not YYYY-MM, naming the flag', () => {
    assert.throws(() => parseRetrainArgs(['--month', '2010-5']), usage(/--month: a month is written YYYY-MM/));
    assert.throws(() => parseRetrainArgs(['--month', 'May']), usage(/--month: .*got "May"/));
  });
  it('needs --month or --rollback, never both', () => {
    assert.throws(() => parseRetrainArgs([]), usage(/--month YYYY-MM is required/));
    assert.throws(() => parseRetrainArgs(['--rollback', '--month', '2010-06']), usage(/--rollback takes no --month/));
  });
  it('rejects a service without a token, a token without a service, and a URL that is not http', () => {
    assert.throws(() => parseRetrainArgs(['--month', '2010-06', '--service', 'http://127.0.0.1:3001']), usage(/needs the admin token/));
    assert.throws(() => parseRetrainArgs(['--month', '2010-06', '--token', 't']), usage(/--token is only used with --service/));
    assert.throws(
      () => parseRetrainArgs(['--month', '2010-06', '--service', '127.0.0.1:3001', '--token', 't']),
      usage(/http\(s\) URL|URL like/),
    );
  });
  it('accepts only the model kinds the service serves, and the two gate metrics', () => {
    assert.equal(parseRetrainArgs(['--month', '2010-06', '--model', 'popularity', '--metric', 'ndcg']).metric, 'ndcg');
    assert.throws(() => parseRetrainArgs(['--month', '2010-06', '--model', 'item-knn']), usage(/--model must be one of als, popularity/));
    assert.throws(() => parseRetrainArgs(['--month', '2010-06', '--metric', 'map']), usage(/--metric must be one of recall, ndcg/));
  });
  it('rejects unknown flags and stray words by name', () => {
    assert.throws(() => parseRetrainArgs(['--month', '2010-06', '--force']), usage(/unknown option --force/));
    assert.throws(() => parseRetrainArgs(['2010-06']), usage(/unexpected argument "2010-06"/));
  });
});
