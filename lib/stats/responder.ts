// Share of patients with a clinically important improvement, with its exact (Clopper–Pearson) interval
// as binom.test(responders, n, conf.level)$conf.int. Lower scores are better (NRS, ODI), so the
// improvement is pre − post.

import { exactLowerLimit, exactUpperLimit } from "./binomialBounds";
import { confLevel, finite, oneOf, pairedInput } from "./validate";

export type ResponderMode = "absolute" | "percent";

export interface ResponderInput {
  pre: readonly number[];
  post: readonly number[];
  /** Points (absolute) or per cent of baseline (percent), e.g. 2 points NRS, 10 points ODI, 30 %. */
  threshold: number;
  mode: ResponderMode;
  /** Two-sided, default 0.95. */
  confLevel?: number;
}

export interface ResponderResult {
  n: number;
  responders: number;
  rate: number;
  lower: number;
  upper: number;
}

/**
 * One patient's answer to the responder rule (the case-mix model's outcome uses it per patient, so the model and
 * the responder share agree). Improvement is pre − post.
 */
export function meetsImprovement(pre: number, post: number, threshold: number, mode: ResponderMode): boolean {
  const improvement = pre - post;
  if (mode === "absolute") return improvement >= threshold;
  // Cross-multiplied rather than (pre − post)/pre·100 ≥ threshold: exact for integer scores, so NRS 10 → 7 and
  // ODI 50 → 35 are exactly 30 % and count. A baseline of 0 cannot improve by a share.
  return pre > 0 && 100 * improvement >= threshold * pre;
}

export function responder(input: ResponderInput): ResponderResult {
  const family = "responder";
  const { raw, pre, post } = pairedInput(family, input);
  const threshold = finite(family, "threshold", raw.threshold);
  const mode = oneOf(family, "mode", raw.mode, ["absolute", "percent"] as const);
  const level = confLevel(family, raw.confLevel);

  let responders = 0;
  for (let i = 0; i < pre.length; i++) if (meetsImprovement(pre[i], post[i], threshold, mode)) responders++;
  const n = pre.length;
  const alpha = (1 - level) / 2;
  return {
    n,
    responders,
    rate: responders / n,
    lower: exactLowerLimit(responders, n, alpha),
    upper: exactUpperLimit(responders, n, alpha),
  };
}
