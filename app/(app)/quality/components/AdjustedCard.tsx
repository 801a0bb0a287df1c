import { AdjustedFunnelChart, type AdjustedFunnelPoint } from "@/components/charts/AdjustedFunnelChart";
import { ChartTable } from "@/components/charts/ChartTable";
import { BinaryRowsTable, LinearRowsTable, oeText, POSITION_TEXT, RiskModelPanel, NotAdjusted } from "@/components/adjusted/RiskModelPanel";
import type { CardProps } from "@/components/outcomes/cardProps";
import { adjustedComparison } from "@/lib/dal/outcomes/adjusted";
import type { AdjustedComparison } from "@/lib/outcomes/adjustedModels";

type Binary = AdjustedComparison["complication"];

function BinaryComparison({ id, title, part, xLabel }: { id: string; title: string; part: Binary; xLabel: string }) {
  const { model, rows, funnel } = part;
  const points: AdjustedFunnelPoint[] = rows.map((r) => ({
    name: r.name,
    expected: r.expected,
    ratio: r.ratio,
    outside: r.position !== "within",
    text: oeText(r),
  }));
  const outside = rows.filter((r) => r.position !== "within");
  return (
    <section aria-labelledby={id} data-testid={`adjusted-${model.outcome}`}>
      <h3 id={id}>{title}</h3>
      {model.status !== "fitted" ? (
        <NotAdjusted model={model} />
      ) : (
        <>
          <AdjustedFunnelChart
            points={points}
            lines={funnel}
            xLabel={xLabel}
            description={`Risk-adjusted funnel plot of ${rows.length} physicians: observed/expected ${model.title.toLowerCase()} against the expected count, with exact Poisson 95 % and 99.8 % limits around 1. ${outside.length} outside the limits.`}
          />
          <ChartTable
            caption="Every physician's point: expected count and O/E"
            columns={[
              { key: "name", label: "Physician" },
              { key: "e", label: "Expected", numeric: true },
              { key: "oe", label: "O/E", numeric: true },
              { key: "pos", label: "Position" },
            ]}
            rows={rows.map((r) => ({ name: r.name, e: r.expected.toFixed(1), oe: r.ratio.toFixed(2), pos: POSITION_TEXT[r.position] }))}
          />
          <BinaryRowsTable rows={rows} caption={`${model.title}: observed against expected per physician (exact Poisson 95 % CI and p)`} />
        </>
      )}
    </section>
  );
}

/**
 * The quality page's risk-adjusted comparison: per physician, observed against the sum of their patients'
 * predicted values from models fitted on the pooled practice under the filters, with the models themselves.
 */
export async function AdjustedCard({ me, filters, view }: CardProps) {
  const a = await adjustedComparison(me, filters, view.mcid);
  return (
    <section className="panel outcome-section" aria-labelledby="adjusted-title">
      <h2 id="adjusted-title">Risk-adjusted comparison</h2>
      <p className="lead">
        Each physician&apos;s observed count against the count expected for their own patients (age, sex, risk factors, diagnosis, levels, prior treatment),
        from models fitted on the whole practice under these filters ({a.poolProcedures.toLocaleString("en-GB")} procedures). O/E above 1: more than their case
        mix predicts.
      </p>
      <BinaryComparison
        id="adjusted-complication"
        title="Complications, adjusted for case mix"
        part={a.complication}
        xLabel="Expected complications (per physician)"
      />
      <BinaryComparison
        id="adjusted-responder"
        title="Responders at 12 months, adjusted for case mix"
        part={a.responder}
        xLabel="Expected responders (per physician)"
      />
      <section aria-labelledby="adjusted-odi" data-testid="adjusted-odiChange">
        <h3 id="adjusted-odi">ODI change at 12 months, adjusted for case mix</h3>
        {a.odiChange.model.status !== "fitted" ? (
          <NotAdjusted model={a.odiChange.model} />
        ) : (
          <LinearRowsTable rows={a.odiChange.rows} caption="Mean ODI change against the change expected for each physician's patients (negative = better)" />
        )}
      </section>
      <details className="model-panel" open>
        <summary>The models (coefficients, discrimination, calibration)</summary>
        <RiskModelPanel model={a.complication.model} />
        <RiskModelPanel model={a.responder.model} />
        <RiskModelPanel model={a.odiChange.model} />
      </details>
      <p className="definition-line">
        Complication: {a.complication.model.outcomeText}. Expected = the sum of each patient&apos;s predicted risk; O/E with the exact (Garwood) Poisson 95 %
        interval and the exact two-sided p against 1; funnel limits are exact Poisson 95 % and 99.8 % around 1. Below the events-per-parameter rule a model is
        not fitted and only the raw comparison above is shown.
      </p>
    </section>
  );
}
