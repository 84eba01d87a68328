/**
 * The service's promotion rule, applied by the pipeline to the release as a whole: every
 * replica's window, added up. One module imports the rule, so the pipeline judges a canary
 * exactly as one replica's `POST /admin/candidate/promote` would.
 */
import { decidePromotion, type PromotionRule, type PromotionVerdict } from '../../solutions/lab-07-roll-out-safely/src/promotion';
import type { ReleaseStatus, ReleaseWindow } from '../../solutions/service/release/release';

export { DEFAULT_PROMOTION_RULE, type PromotionRule, type PromotionVerdict } from '../../solutions/lab-07-roll-out-safely/src/promotion';
export type { ReleaseStatus, ReleaseWindow };

/** The rule's verdict on a window (counts since the release started, as `GET /admin/candidate` reports them). */
export function judgeWindow(window: ReleaseWindow, rule: PromotionRule): PromotionVerdict {
  const zero = { requests: 0, errors: 0 };
  return decidePromotion(
    {
      mode: window.mode,
      stable: { atStart: zero, now: window.stable },
      candidate: { atStart: zero, now: window.candidate },
      shadow: window.shadow,
    },
    rule,
  );
}
