// Log-rank test comparing time to relief between two or more groups: R's survdiff(Surv(t, e) ~ g, rho = 0)
// with g a factor whose levels follow the group order.

import { pchisqUpper } from "./distributions";
import { quadraticFormInverse } from "./linearAlgebra";
import { array, binaryArray, fail, finiteArray, requireInput, sameLength } from "./validate";

export interface LogRankGroup {
  times: readonly number[];
  events: readonly (0 | 1)[];
}

export interface LogRankInput {
  /** Two or more groups, each with at least one patient. */
  groups: readonly LogRankGroup[];
}

export interface LogRankResult {
  chiSquare: number;
  /** Groups with expected > 0, minus 1 (never below 0). */
  df: number;
  /** 1 when df = 0 (R's survdiff); null when nobody has an event (R: NaN). */
  pValue: number | null;
  observed: number[];
  expected: number[];
}

function requireGroup(family: string, field: string, g: unknown): Record<string, unknown> {
  if (typeof g !== "object" || g === null || Array.isArray(g)) fail(family, field, "must be an object { times, events }", g);
  return g as Record<string, unknown>;
}

export function logRank(input: LogRankInput): LogRankResult {
  const family = "logRank";
  const raw = requireInput(family, input);
  const groupsRaw = array(family, "groups", raw.groups, 2);
  const times: number[] = [];
  const events: number[] = [];
  const groupOf: number[] = [];
  const size: number[] = [];
  groupsRaw.forEach((g, k) => {
    const field = `groups[${k}]`;
    const group = requireGroup(family, field, g);
    const t = finiteArray(family, `${field}.times`, group.times, { minLength: 1, min: 0 });
    const e = binaryArray(family, `${field}.events`, group.events, 1);
    sameLength(family, `${field}.times`, t, `${field}.events`, e);
    for (let i = 0; i < t.length; i++) {
      times.push(t[i]);
      events.push(e[i]);
      groupOf.push(k);
    }
    size.push(t.length);
  });

  const K = size.length;
  const order = Array.from(times.keys()).sort((a, b) => times[a] - times[b]);
  const atRisk = size.slice();
  const observed = new Array<number>(K).fill(0);
  const expected = new Array<number>(K).fill(0);
  const variance = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  const deaths = new Array<number>(K);
  const leaving = new Array<number>(K);

  let p = 0;
  while (p < order.length) {
    const t = times[order[p]];
    deaths.fill(0);
    leaving.fill(0);
    let d = 0;
    while (p < order.length && times[order[p]] === t) {
      const idx = order[p];
      if (events[idx] === 1) {
        deaths[groupOf[idx]]++;
        d++;
      }
      leaving[groupOf[idx]]++;
      p++;
    }
    if (d > 0) {
      let n = 0;
      for (let g = 0; g < K; g++) n += atRisk[g];
      for (let g = 0; g < K; g++) {
        observed[g] += deaths[g];
        expected[g] += (atRisk[g] * d) / n;
      }
      // Hypergeometric variance of the death counts at this time; no information when n = 1.
      if (n > 1) {
        const f = (d * (n - d)) / (n * n * (n - 1));
        for (let g = 0; g < K; g++) {
          for (let h = 0; h < K; h++) {
            variance[g][h] += f * atRisk[g] * ((g === h ? n : 0) - atRisk[h]);
          }
        }
      }
    }
    for (let g = 0; g < K; g++) atRisk[g] -= leaving[g];
  }

  // A group whose patients all leave before the first event has expected 0 and drops out of the test
  // (survdiff: df <- (etmp > 0)); of the rest the first is dropped because the u's sum to 0.
  const kept: number[] = [];
  for (let g = 0; g < K; g++) if (expected[g] > 0) kept.push(g);
  let chiSquare = 0;
  let df = Math.max(kept.length - 1, 0);
  if (kept.length >= 2) {
    const rest = kept.slice(1);
    const u = rest.map((g) => observed[g] - expected[g]);
    const v = rest.map((g) => rest.map((h) => variance[g][h]));
    const { value, rank } = quadraticFormInverse(v, u);
    chiSquare = value;
    // R would stop with "system is exactly singular"; we use a generalised inverse and its rank.
    df = rank;
  }
  let pValue: number | null;
  if (kept.length === 0)
    pValue = null; // nobody had an event: R gives NaN (and df −1, reported here as 0)
  else if (df === 0)
    pValue = 1; // pchisq(0, 0, lower.tail = FALSE) is 1 in R
  else pValue = pchisqUpper(chiSquare, df);
  return { chiSquare, df, pValue, observed, expected };
}
