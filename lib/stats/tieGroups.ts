// Binary outcomes grouped by equal predicted value, in increasing order of the value: what the c-statistic and the
// calibration table need, without sorting every patient (a model's predictions take one value per covariate
// pattern, a few thousand among 100,000 patients).

export interface TieGroups {
  /** The distinct values, increasing. */
  values: number[];
  /** Patients with each value. */
  count: number[];
  /** Of them, with the outcome. */
  events: number[];
}

/** `predicted` finite (as validated by the caller: no NaN, −0 as 0), `outcome` 0/1, the same length. */
export function tieGroups(predicted: readonly number[], outcome: readonly (0 | 1)[]): TieGroups {
  const byValue = new Map<number, { count: number; events: number }>();
  for (let i = 0; i < predicted.length; i++) {
    const g = byValue.get(predicted[i]);
    if (g) {
      g.count++;
      g.events += outcome[i];
    } else {
      byValue.set(predicted[i], { count: 1, events: outcome[i] });
    }
  }
  const values = [...byValue.keys()].sort((a, b) => a - b);
  return { values, count: values.map((v) => byValue.get(v)!.count), events: values.map((v) => byValue.get(v)!.events) };
}
