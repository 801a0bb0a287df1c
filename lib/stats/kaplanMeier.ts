// Kaplan–Meier estimate of time to relief with right censoring, as R's
// survfit(Surv(times, events) ~ 1, conf.type = "log", conf.int = confLevel) and quantile(fit, 0.5).

import { qnorm } from "./distributions";
import { survivalQuantileTime } from "./survivalQuantile";
import { binaryArray, confLevel, finiteArray, requireInput, sameLength } from "./validate";

export interface KaplanMeierInput {
  /** Days from the procedure, ≥ 0. */
  times: readonly number[];
  /** 1 = relief seen at times[i], 0 = censored there. */
  events: readonly (0 | 1)[];
  /** Two-sided, default 0.95. */
  confLevel?: number;
}

export interface KaplanMeierRow {
  time: number;
  /** Patients with time ≥ this time (a patient censored now is still at risk now). */
  nRisk: number;
  nEvent: number;
  nCensor: number;
  survival: number;
  /** Greenwood standard error of log S; 0 before the first event, null once S = 0 (R: Inf). */
  stdErrLogSurv: number | null;
  /** Log-transformed ("log") pointwise limits; null once S = 0. */
  lower: number | null;
  /** Capped at 1, and not monotone: it can rise where the standard error grows faster than S falls. */
  upper: number | null;
}

export interface KaplanMeierResult {
  rows: KaplanMeierRow[];
  /** null = not reached (S never ≤ 0.5 within follow-up). */
  median: number | null;
  /** Time the lower limit reaches 0.5; null if it never does. */
  medianLower: number | null;
  /** Time the upper limit reaches 0.5; often null (the upper curve stays above 0.5): "not reached". */
  medianUpper: number | null;
}

export function kaplanMeier(input: KaplanMeierInput): KaplanMeierResult {
  const family = "kaplanMeier";
  const raw = requireInput(family, input);
  const times = finiteArray(family, "times", raw.times, { minLength: 1, min: 0 });
  const events = binaryArray(family, "events", raw.events, 1);
  sameLength(family, "times", times, "events", events);
  const level = confLevel(family, raw.confLevel);
  const z = qnorm(1 - (1 - level) / 2);

  // Event and censoring times sorted separately with the typed-array numeric sort, then merged: one row per
  // distinct double (no near-tie merging; R merges times within ~1e-8 relative, the app's days never are).
  let nEvents = 0;
  for (const e of events) nEvents += e;
  const eventTimes = new Float64Array(nEvents);
  const censorTimes = new Float64Array(times.length - nEvents);
  for (let i = 0, a = 0, b = 0; i < times.length; i++) {
    if (events[i] === 1) eventTimes[a++] = times[i];
    else censorTimes[b++] = times[i];
  }
  eventTimes.sort();
  censorTimes.sort();

  const rows: KaplanMeierRow[] = [];
  let atRisk = times.length;
  let survival = 1;
  let greenwood = 0; // Σ d / (n (n − d))
  let i = 0;
  let j = 0;
  while (i < eventTimes.length || j < censorTimes.length) {
    const t = j >= censorTimes.length || (i < eventTimes.length && eventTimes[i] <= censorTimes[j]) ? eventTimes[i] : censorTimes[j];
    let d = 0;
    while (i < eventTimes.length && eventTimes[i] === t) {
      d++;
      i++;
    }
    let c = 0;
    while (j < censorTimes.length && censorTimes[j] === t) {
      c++;
      j++;
    }
    if (d > 0) {
      survival *= 1 - d / atRisk;
      // d = n makes the term infinite: S is 0 and R reports std.err Inf.
      greenwood += d / (atRisk * (atRisk - d));
    }
    let se: number | null = Math.sqrt(greenwood);
    let lower: number | null;
    let upper: number | null;
    if (survival === 0) {
      // R: log(0) makes both limits NA and the std.err Inf.
      se = null;
      lower = null;
      upper = null;
    } else {
      const logS = Math.log(survival);
      lower = Math.exp(logS - z * (se as number));
      upper = Math.min(1, Math.exp(logS + z * (se as number)));
    }
    rows.push({ time: t, nRisk: atRisk, nEvent: d, nCensor: c, survival, stdErrLogSurv: se, lower, upper });
    atRisk -= d + c;
  }

  const rowTimes = rows.map((r) => r.time);
  return {
    rows,
    median: survivalQuantileTime(
      rowTimes,
      rows.map((r) => r.survival),
    ),
    medianLower: survivalQuantileTime(
      rowTimes,
      rows.map((r) => r.lower),
    ),
    medianUpper: survivalQuantileTime(
      rowTimes,
      rows.map((r) => r.upper),
    ),
  };
}
