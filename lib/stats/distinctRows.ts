// The distinct (x, y) rows of a cohort with how many subjects each stands for: the logistic families fit on them
// with frequency weights (regressionDesign.ts) and get the fit on every subject. A practice-wide model has one
// row per procedure (100,000 at a large health system) but only a few thousand distinct covariate patterns — age
// in whole years, a handful of indicators — so the fit's work shrinks by that factor and its result does not change.

export interface DistinctRows {
  x: number[][];
  y: number[];
  /** How many subjects share each distinct row. */
  weights: number[];
  /** For each subject, the index of its distinct row. */
  rowOf: Int32Array;
}

export function distinctRows(x: readonly (readonly number[])[], y: readonly number[]): DistinctRows {
  const index = new Map<string, number>();
  const out: DistinctRows = { x: [], y: [], weights: [], rowOf: new Int32Array(x.length) };
  for (let i = 0; i < x.length; i++) {
    // Number → string is exact (the shortest round-tripping form), so equal keys mean equal rows.
    const key = `${x[i].join(",")}|${y[i]}`;
    let row = index.get(key);
    if (row === undefined) {
      row = out.x.length;
      index.set(key, row);
      out.x.push([...x[i]]);
      out.y.push(y[i]);
      out.weights.push(0);
    }
    out.weights[row]++;
    out.rowOf[i] = row;
  }
  return out;
}
