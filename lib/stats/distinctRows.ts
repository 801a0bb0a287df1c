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

const scratch = new Float64Array(1);
const words = new Int32Array(scratch.buffer);

/** A hash of the row and its outcome: equal rows (0 and −0 alike) hash alike; rows that collide are told apart by their values. */
function rowHash(row: readonly number[], y: number): number {
  let h = 0x811c9dc5;
  for (let j = 0; j <= row.length; j++) {
    const v = j < row.length ? row[j] : y;
    scratch[0] = v === 0 ? 0 : v;
    h = Math.imul(h ^ words[0], 0x01000193);
    h = Math.imul(h ^ words[1], 0x01000193);
  }
  return h;
}

const same = (a: number, b: number) => a === b || (a !== a && b !== b);

function sameRow(a: readonly number[], ya: number, b: readonly number[], yb: number): boolean {
  if (a.length !== b.length || !same(ya, yb)) return false;
  for (let j = 0; j < a.length; j++) if (!same(a[j], b[j])) return false;
  return true;
}

export function distinctRows(x: readonly (readonly number[])[], y: readonly number[]): DistinctRows {
  // Rows by a numeric hash (a string key per row cost more than the fit at 100,000 subjects), in order of first appearance.
  const byHash = new Map<number, number | number[]>();
  const out: DistinctRows = { x: [], y: [], weights: [], rowOf: new Int32Array(x.length) };
  for (let i = 0; i < x.length; i++) {
    const h = rowHash(x[i], y[i]);
    const seen = byHash.get(h);
    let row = -1;
    if (seen !== undefined) {
      for (const r of typeof seen === "number" ? [seen] : seen) {
        if (sameRow(out.x[r], out.y[r], x[i], y[i])) {
          row = r;
          break;
        }
      }
    }
    if (row < 0) {
      row = out.x.length;
      if (seen === undefined) byHash.set(h, row);
      else if (typeof seen === "number") byHash.set(h, [seen, row]);
      else seen.push(row);
      out.x.push([...x[i]]);
      out.y.push(y[i]);
      out.weights.push(0);
    }
    out.weights[row]++;
    out.rowOf[i] = row;
  }
  return out;
}
