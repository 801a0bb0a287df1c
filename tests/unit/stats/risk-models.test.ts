// Behaviour of the regression families beyond the R vectors: closed forms they must reproduce, equations their
// estimates must satisfy, and invariance to how the covariates are coded (uncentred age is the hard case).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firthLogistic, linearRegression, logisticRegression, predictLinear, predictLogistic } from "../../../lib/stats";

/** Rows of a 2 × 2 table: a exposed with the event, b exposed without, c unexposed with, d unexposed without. */
function table(a: number, b: number, c: number, d: number): { x: number[][]; y: number[] } {
  const x: number[][] = [];
  const y: number[] = [];
  for (const [exposed, event, count] of [
    [1, 1, a],
    [1, 0, b],
    [0, 1, c],
    [0, 0, d],
  ]) {
    for (let i = 0; i < count; i++) {
      x.push([exposed]);
      y.push(event);
    }
  }
  return { x, y };
}

function closeTo(got: number, want: number, rel: number): void {
  expect(Math.abs(got - want), `got ${got}, want ${want}`).toBeLessThanOrEqual(rel * Math.abs(want));
}

describe("logisticRegression", () => {
  it("on a 2 × 2 table gives the log odds ratio, Woolf's standard error and the multinomial log-likelihood", () => {
    const fit = logisticRegression(table(7, 12, 3, 40));
    closeTo(fit.coefficients[0], Math.log(3 / 40), 1e-13);
    closeTo(fit.coefficients[1], Math.log((7 * 40) / (12 * 3)), 1e-13);
    // Woolf's √(1/a + 1/b + 1/c + 1/d) is the information at the estimate; R reports the information at its
    // last-but-one iterate, a hair away.
    closeTo(fit.standardErrors[1], Math.sqrt(1 / 7 + 1 / 12 + 1 / 3 + 1 / 40), 1e-8);
    closeTo(fit.standardErrors[0], Math.sqrt(1 / 3 + 1 / 40), 1e-8);
    closeTo(fit.logLik, 7 * Math.log(7 / 19) + 12 * Math.log(12 / 19) + 3 * Math.log(3 / 43) + 40 * Math.log(40 / 43), 1e-13);
  });

  it("solves the score equations: observed events equal predicted ones overall and weighted by each covariate", () => {
    const { x, y } = agesAndFactors(400, 11);
    const fit = logisticRegression({ x, y });
    const p = predictLogistic(fit.coefficients, x);
    const residual = y.map((v, i) => v - p[i]);
    expect(Math.abs(residual.reduce((s, r) => s + r, 0))).toBeLessThan(1e-9);
    for (let j = 0; j < x[0].length; j++) expect(Math.abs(residual.reduce((s, r, i) => s + r * x[i][j], 0))).toBeLessThan(1e-7);
    const logLik = y.reduce((s, v, i) => s + Math.log(v === 1 ? p[i] : 1 - p[i]), 0);
    closeTo(fit.logLik, logLik, 1e-12);
  });
});

describe("firthLogistic", () => {
  it("on a 2 × 2 table with an empty cell gives the log odds ratio with ½ added to every cell", () => {
    // Firth's estimate for a saturated two-group model is the Haldane–Anscombe correction; its standard
    // errors are the information at fitted risks (a + ½)/(a + b + 1) and (c + ½)/(c + d + 1).
    const fit = firthLogistic(table(0, 12, 3, 40));
    closeTo(fit.coefficients[0], Math.log(3.5 / 40.5), 1e-12);
    closeTo(fit.coefficients[1], Math.log((0.5 * 40.5) / (12.5 * 3.5)), 1e-12);
    const p1 = 0.5 / 13;
    const p0 = 3.5 / 44;
    closeTo(fit.standardErrors[0], Math.sqrt(1 / (43 * p0 * (1 - p0))), 1e-12);
    closeTo(fit.standardErrors[1], Math.sqrt(1 / (12 * p1 * (1 - p1)) + 1 / (43 * p0 * (1 - p0))), 1e-12);
  });

  it("is finite with no events at all, the situation of complications at 0.1 %", () => {
    const { x } = agesAndFactors(300, 3);
    const fit = firthLogistic({ x, y: x.map(() => 0) });
    expect([...fit.coefficients, ...fit.standardErrors].every(Number.isFinite)).toBe(true);
    // With nothing observed the expected count stays near the half event Firth's penalty adds.
    const expected = predictLogistic(fit.coefficients, x).reduce((s, p) => s + p, 0);
    expect(expected).toBeGreaterThan(0.1);
    expect(expected).toBeLessThan(3);
  });

  it("solves the modified score equations Xᵀ(y − p + h(½ − p)) = 0, standard errors √diag((XᵀWX)⁻¹)", () => {
    // The README's definition, checked with the information matrix formed and inverted directly (3 × 3).
    const { x, y } = agesAndFactors(80, 2, -2.5, 7);
    const fit = firthLogistic({ x, y });
    const rows = x.map((r) => [1, ...r]);
    const p = predictLogistic(fit.coefficients, x);
    const w = p.map((v) => v * (1 - v));
    const info = [0, 1, 2].map((a) => [0, 1, 2].map((b) => rows.reduce((s, r, i) => s + w[i] * r[a] * r[b], 0)));
    const inv = invert3(info);
    const h = rows.map((r, i) => w[i] * [0, 1, 2].reduce((s, a) => s + r[a] * [0, 1, 2].reduce((t, b) => t + inv[a][b] * r[b], 0), 0));
    for (let a = 0; a < 3; a++) {
      const score = rows.reduce((s, r, i) => s + r[a] * (y[i] - p[i] + h[i] * (0.5 - p[i])), 0);
      expect(Math.abs(score)).toBeLessThan(1e-9);
      closeTo(fit.standardErrors[a], Math.sqrt(inv[a][a]), 1e-9);
    }
  });
});

/** Inverse of a 3 × 3 matrix by cofactors. */
function invert3(m: number[][]): number[][] {
  const c = (r: number, k: number) => {
    const [r1, r2] = [0, 1, 2].filter((i) => i !== r);
    const [k1, k2] = [0, 1, 2].filter((i) => i !== k);
    return ((r + k) % 2 === 0 ? 1 : -1) * (m[r1][k1] * m[r2][k2] - m[r1][k2] * m[r2][k1]);
  };
  const det = m[0][0] * c(0, 0) + m[0][1] * c(0, 1) + m[0][2] * c(0, 2);
  return [0, 1, 2].map((r) => [0, 1, 2].map((k) => c(k, r) / det));
}

describe("linearRegression", () => {
  it("reproduces the hand-worked simple regression of y = 2, 4, 5, 4, 5 on x = 1…5", () => {
    // x̄ = 3, ȳ = 4, Sxx = 10, Sxy = 6: slope 0.6, intercept 2.2; residuals −0.8, 0.6, 1, −0.6, −0.2 so
    // RSS = 2.4, σ = √(2.4/3); SE(slope) = σ/√10, SE(intercept) = σ√(1/5 + 9/10); R² = 1 − 2.4/6.
    const fit = linearRegression({ x: [[1], [2], [3], [4], [5]], y: [2, 4, 5, 4, 5] });
    const sigma = Math.sqrt(0.8);
    closeTo(fit.coefficients[0], 2.2, 1e-14);
    closeTo(fit.coefficients[1], 0.6, 1e-14);
    closeTo(fit.sigma, sigma, 1e-14);
    closeTo(fit.standardErrors[1], sigma / Math.sqrt(10), 1e-14);
    closeTo(fit.standardErrors[0], sigma * Math.sqrt(0.2 + 0.9), 1e-14);
    closeTo(fit.rSquared as number, 0.6, 1e-14);
  });

  it("reports R² as null when every outcome is the same (0/0), with σ = 0", () => {
    const fit = linearRegression({ x: [[61], [70], [66], [80]], y: [12, 12, 12, 12] });
    expect(fit.rSquared).toBeNull();
    expect(fit.sigma).toBeLessThan(1e-12);
    closeTo(fit.coefficients[0], 12, 1e-13);
  });

  it("leaves residuals orthogonal to every covariate and to the intercept", () => {
    const { x } = agesAndFactors(500, 4);
    const y = x.map((row, i) => 20 - 0.3 * row[0] + 5 * row[1] + ((i * 7919) % 13) - 6);
    const fit = linearRegression({ x, y });
    const fitted = predictLinear(fit.coefficients, x);
    const residual = y.map((v, i) => v - fitted[i]);
    expect(Math.abs(residual.reduce((s, r) => s + r, 0))).toBeLessThan(1e-9);
    for (let j = 0; j < x[0].length; j++) expect(Math.abs(residual.reduce((s, r, i) => s + r * x[i][j], 0))).toBeLessThan(1e-7);
  });
});

describe("every regression family: coding of the covariates", () => {
  // Shifting a covariate by a constant (age since birth vs since 1900, or a year of birth) and rescaling it
  // (years vs days) describes the same model: slopes scale, the intercept absorbs the shift, predictions do not
  // move. Uncentred, a column of years of birth is collinear with the intercept to 1 part in 10⁵.
  const fits = {
    logisticRegression: (x: number[][], y: number[]) => logisticRegression({ x, y }),
    firthLogistic: (x: number[][], y: number[]) => firthLogistic({ x, y }),
    linearRegression: (x: number[][], y: number[]) => linearRegression({ x, y }),
  };
  for (const [name, fit] of Object.entries(fits)) {
    it(`${name}: shifting and rescaling age changes its slope and the intercept exactly as it should`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(1900, 2026, -70, 1e4), fc.constantFrom(1, 365.25, 1 / 12), (seed, shift, scale) => {
          const { x, y } = agesAndFactors(150, 3, -0.5, seed);
          const data = name === "linearRegression" ? x.map((row, i) => 40 - 0.4 * row[0] + 8 * row[1] + 10 * y[i]) : y;
          const base = fit(x, data);
          const moved = fit(
            x.map(([age, ...rest]) => [(age + shift) * scale, ...rest]),
            data,
          );
          closeTo(moved.coefficients[1] * scale, base.coefficients[1], 1e-9);
          closeTo(moved.standardErrors[1] * scale, base.standardErrors[1], 1e-9);
          closeTo(moved.coefficients[0] + moved.coefficients[1] * shift * scale, base.coefficients[0], 1e-9);
          closeTo(moved.coefficients[2], base.coefficients[2], 1e-9);
        }),
        { numRuns: 12 },
      );
    });
  }
});

/** Deterministic patients: age 50–90, k − 1 binary risk factors, a responder-like outcome. */
function agesAndFactors(n: number, k: number, base = -1, seed = 1): { x: number[][]; y: number[] } {
  let state = seed >>> 0 || 1;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = [50 + 40 * next()];
    let eta = base + 0.04 * (row[0] - 70);
    for (let j = 1; j < k; j++) {
      row.push(next() < 0.3 ? 1 : 0);
      eta += (j % 2 === 0 ? 0.5 : -0.4) * row[j];
    }
    x.push(row);
    y.push(next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0);
  }
  return { x, y };
}
