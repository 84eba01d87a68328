/**
 * The release's admin routes, behind the template's ADMIN_TOKEN guard (`RouteMount.admin`):
 *
 * - `GET  /admin/candidate`: stable, the candidate, the window's numbers and the rule's verdict now
 * - `POST /admin/candidate` `{"version", "mode": "canary"|"shadow", "share"?, "rule"?}`: start trying a version
 * - `POST /admin/candidate/promote`: apply the rule (promote, abort, or 409 while evidence is short)
 * - `POST /admin/candidate/abort`: every request to stable again
 */
import type { RouteMount } from '../../../server-template/src/app';
import { HttpError } from '../../../server-template/src/errors';
import { DEFAULT_PROMOTION_RULE, type PromotionRule } from './promotion';
import type { CandidatePlan, ReleaseRegistry } from './release';

const VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const FIELDS = ['version', 'mode', 'share', 'rule'];
const RULE_FIELDS: Record<string, keyof PromotionRule> = {
  min_samples: 'minSamples',
  min_agreement: 'minAgreement',
  max_error_rate_increase: 'maxErrorRateIncrease',
};

type Problem = { field: string; problem: string };

function unitInterval(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
}

function parseRule(value: unknown, problems: Problem[]): PromotionRule {
  const rule = { ...DEFAULT_PROMOTION_RULE };
  if (value === undefined) return rule;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({ field: 'rule', problem: `must be an object with ${Object.keys(RULE_FIELDS).join(', ')}` });
    return rule;
  }
  for (const [key, v] of Object.entries(value)) {
    const field = `rule.${key}`;
    const name = Object.hasOwn(RULE_FIELDS, key) ? RULE_FIELDS[key] : undefined;
    if (name === undefined) problems.push({ field, problem: `is not a rule setting (known: ${Object.keys(RULE_FIELDS).join(', ')})` });
    else if (name === 'minSamples' && !(Number.isInteger(v) && (v as number) >= 1))
      problems.push({ field, problem: 'must be an integer ≥ 1' });
    else if (name !== 'minSamples' && !unitInterval(v)) problems.push({ field, problem: 'must be a number in [0, 1]' });
    else rule[name] = v as number;
  }
  return rule;
}

/**
 * A `POST /admin/candidate` body, checked field by field.
 * @throws HttpError 400 `invalid_request` listing every problem in `details`
 */
export function parseCandidatePlan(body: unknown): CandidatePlan {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'invalid_request', 'Body must be a JSON object like {"version": "1.1.0", "mode": "canary", "share": 0.1}.', [
      { field: '(body)', problem: 'must be a JSON object' },
    ]);
  }
  const b = body as Record<string, unknown>;
  const problems: Problem[] = [];
  for (const key of Object.keys(b))
    if (!FIELDS.includes(key)) problems.push({ field: key, problem: `is not a field (known: ${FIELDS.join(', ')})` });
  const version = b['version'];
  if (typeof version !== 'string' || !VERSION.test(version))
    problems.push({ field: 'version', problem: 'must be a version folder name like "1.1.0"' });
  const mode = b['mode'];
  if (mode !== 'canary' && mode !== 'shadow') problems.push({ field: 'mode', problem: 'must be "canary" or "shadow"' });
  const share = b['share'];
  if (mode === 'canary' && !(unitInterval(share) && (share as number) > 0)) {
    problems.push({ field: 'share', problem: 'a canary needs the fraction of users the candidate answers, a number in (0, 1]' });
  }
  if (mode === 'shadow' && share !== undefined) problems.push({ field: 'share', problem: 'a shadow answers nobody: leave share out' });
  const rule = parseRule(b['rule'], problems);
  if (problems.length > 0) {
    const what = problems.map((p) => `${p.field} ${p.problem}`).join('; ');
    throw new HttpError(400, 'invalid_request', `Bad candidate request: ${what}.`, problems);
  }
  return { version: version as string, mode: mode as CandidatePlan['mode'], share: mode === 'canary' ? (share as number) : 0, rule };
}

/** Mounts the routes above for `release`. */
export function releaseRoutes(release: ReleaseRegistry): (mount: RouteMount) => void {
  return (mount) => {
    mount.admin.get('/admin/candidate', (_req, res) => void res.json(release.status()));
    mount.admin.post('/admin/candidate', async (req, res) => {
      res.json(await release.start(parseCandidatePlan(req.body)));
    });
    mount.admin.post('/admin/candidate/promote', async (_req, res) => {
      const { verdict, window, swap } = await release.decide();
      if (verdict.decision === 'promote') {
        res.json({ decision: 'promote', reasons: verdict.reasons, window, ...swap });
        return;
      }
      const details = { decision: verdict.decision, reasons: verdict.reasons, window };
      if (verdict.decision === 'wait') {
        throw new HttpError(409, 'not_enough_evidence', `Not promoted yet: ${verdict.reasons.join('; ')}. The release goes on.`, details);
      }
      throw new HttpError(
        409,
        'promotion_refused',
        `Not promoted: ${verdict.reasons.join('; ')}. The candidate was withdrawn; stable answers every request.`,
        details,
      );
    });
    mount.admin.post('/admin/candidate/abort', async (_req, res) => {
      res.json(await release.abort());
    });
  };
}
