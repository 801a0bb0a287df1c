import { CalibrationChart } from "@/components/charts/CalibrationChart";
import { SimpleTable } from "@/components/table/SimpleTable";
import { formatCount, percentNumber, pEquals, signed } from "@/components/outcomes/format";
import type { BinaryAdjustedRow, LinearAdjustedRow } from "@/lib/outcomes/adjustedModels";
import type { CoefficientRow, RiskModel } from "@/lib/outcomes/riskModelFit";
import type { CalibrationTenth } from "@/lib/stats";

/**
 * A risk model shown so a quality officer can judge it: what it predicts and how, n, events, the rule it met,
 * its coefficients (odds ratios with 95 % CIs; β in points for the linear model), the covariates it dropped, its
 * discrimination (c-statistic) and calibration (observed against expected by tenth of predicted risk).
 */

const two = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2));

export function modelFacts(m: RiskModel): string {
  const parts = [`${m.methodText}`, `n = ${formatCount(m.n)}`];
  if (m.events !== null) parts.push(`${formatCount(m.events)} with the outcome`);
  if (m.cStatistic !== null) parts.push(`c-statistic ${m.cStatistic.toFixed(2)}`);
  if (m.rSquared !== null) parts.push(`R² ${m.rSquared.toFixed(2)}`);
  if (m.sigma !== null) parts.push(`residual SD ${m.sigma.toFixed(1)} points`);
  return parts.join(" · ");
}

/**
 * Why a model was not fitted, in the page's words: "too few events to adjust" with the rule and the counts behind
 * it, or why the fit failed (the reason says which; it is the API's sentence too, so it is not repeated here).
 */
export function NotAdjusted({ model }: { model: RiskModel }) {
  return (
    <p className="too-few" data-testid={`too-few-${model.outcome}`}>
      <strong>Not adjusted.</strong> {model.reason ?? "The model was not fitted on this view."} Only the raw comparison is shown.
    </p>
  );
}

function CoefficientTable({ model }: { model: RiskModel }) {
  const logistic = model.method !== "linear";
  return (
    <SimpleTable<CoefficientRow>
      caption={logistic ? "Coefficients as odds ratios (95 % CI, Wald)" : "Coefficients: β in ODI points per unit (95 % CI)"}
      columns={[
        { header: "Covariate", rowHeader: true, cell: (c) => c.label },
        logistic
          ? {
              header: "Odds ratio (95 % CI)",
              num: true,
              cell: (c) =>
                c.key === "intercept"
                  ? `baseline odds ${two(c.oddsRatio!.estimate)}`
                  : `${two(c.oddsRatio!.estimate)} (${two(c.oddsRatio!.lower)}–${two(c.oddsRatio!.upper)})`,
            }
          : { header: "β (95 % CI)", num: true, cell: (c) => `${signed(c.estimate, 2)} (${signed(c.lower, 2)} to ${signed(c.upper, 2)})` },
        { header: "Standard error", num: true, cell: (c) => c.standardError.toFixed(3) },
      ]}
      rows={model.coefficients}
      rowKey={(c) => c.key}
      className="compact"
    />
  );
}

function CalibrationTable({ rows }: { rows: CalibrationTenth[] }) {
  return (
    <SimpleTable<CalibrationTenth>
      caption="Calibration: observed against expected by tenth of predicted risk"
      columns={[
        { header: "Tenth", rowHeader: true, cell: (r) => r.tenth },
        { header: "Patients", num: true, cell: (r) => formatCount(r.n) },
        { header: "Observed", num: true, cell: (r) => formatCount(r.observed) },
        { header: "Expected", num: true, cell: (r) => r.expected.toFixed(1) },
        { header: "Mean predicted", num: true, cell: (r) => (r.meanPredicted === null ? "—" : `${percentNumber(r.meanPredicted)} %`) },
        {
          header: "Observed rate (95 % CI)",
          num: true,
          cell: (r) => (r.observedRate === null ? "—" : `${percentNumber(r.observedRate)} % (${percentNumber(r.rateLower!)}–${percentNumber(r.rateUpper!)} %)`),
        },
      ]}
      rows={rows}
      rowKey={(r) => r.tenth}
      className="compact"
    />
  );
}

export function RiskModelPanel({ model }: { model: RiskModel }) {
  return (
    <section className="risk-model" aria-labelledby={`model-${model.outcome}`} data-testid={`model-${model.outcome}`}>
      <h4 id={`model-${model.outcome}`}>Model: {model.title}</h4>
      <p className="small">
        Predicts: {model.outcomeText}. {modelFacts(model)}. Rule: {model.rule}.
      </p>
      {model.status === "fitted" ? (
        <>
          <CoefficientTable model={model} />
          {model.calibration && (
            <>
              <CalibrationChart
                points={model.calibration.flatMap((r) =>
                  r.n === 0
                    ? []
                    : [
                        {
                          tenth: r.tenth,
                          predicted: r.meanPredicted!,
                          observed: r.observedRate!,
                          error: [r.observedRate! - r.rateLower!, r.rateUpper! - r.observedRate!] as [number, number],
                          text: `${formatCount(r.observed)} observed / ${r.expected.toFixed(1)} expected in ${formatCount(r.n)} patients`,
                        },
                      ],
                )}
                description={`Calibration of the ${model.title.toLowerCase()} model: observed rate against mean predicted risk in each tenth of predicted risk, with exact 95 % CIs; the dashed diagonal is perfect calibration.`}
              />
              <CalibrationTable rows={model.calibration} />
            </>
          )}
        </>
      ) : (
        <NotAdjusted model={model} />
      )}
      {model.dropped.length > 0 && <p className="muted small">Left out: {model.dropped.map((d) => `${d.label} (${d.reason})`).join("; ")}.</p>}
    </section>
  );
}

export const POSITION_TEXT: Record<BinaryAdjustedRow["position"], string> = {
  within: "within the limits",
  "above-95": "above the 95 % limit",
  "above-99.8": "above the 99.8 % limit",
  "below-95": "below the 95 % limit",
  "below-99.8": "below the 99.8 % limit",
};

export const oeText = (r: BinaryAdjustedRow) =>
  `${formatCount(r.observed)} observed / ${r.expected.toFixed(1)} expected: O/E ${r.ratio.toFixed(2)} (95 % CI ${r.lower.toFixed(2)}–${r.upper.toFixed(2)}), ${pEquals(r.pValue)}`;

export function BinaryRowsTable({ rows, caption }: { rows: BinaryAdjustedRow[]; caption: string }) {
  return (
    <SimpleTable<BinaryAdjustedRow>
      caption={caption}
      columns={[
        { header: "Physician", rowHeader: true, cell: (r) => r.name },
        { header: "Patients", num: true, cell: (r) => formatCount(r.n) },
        { header: "Observed", num: true, cell: (r) => formatCount(r.observed) },
        { header: "Expected", num: true, cell: (r) => r.expected.toFixed(1) },
        { header: "O/E (95 % CI)", num: true, cell: (r) => `${r.ratio.toFixed(2)} (${r.lower.toFixed(2)}–${r.upper.toFixed(2)})` },
        { header: "p (O/E = 1)", num: true, cell: (r) => pEquals(r.pValue) },
        { header: "Position", cell: (r) => POSITION_TEXT[r.position] },
      ]}
      rows={rows}
      rowKey={(r) => r.physicianId}
      className="compact"
    />
  );
}

export function LinearRowsTable({ rows, caption }: { rows: LinearAdjustedRow[]; caption: string }) {
  return (
    <SimpleTable<LinearAdjustedRow>
      caption={caption}
      columns={[
        { header: "Physician", rowHeader: true, cell: (r) => r.name },
        { header: "Patients", num: true, cell: (r) => formatCount(r.n) },
        { header: "Observed mean change", num: true, cell: (r) => signed(r.observedMean) },
        { header: "Expected mean change", num: true, cell: (r) => signed(r.expectedMean) },
        {
          header: "Observed − expected (95 % CI)",
          num: true,
          cell: (r) => `${signed(r.difference)} (${r.lower === null ? "—" : signed(r.lower)} to ${r.upper === null ? "—" : signed(r.upper)})`,
        },
      ]}
      rows={rows}
      rowKey={(r) => r.physicianId}
      className="compact"
    />
  );
}
