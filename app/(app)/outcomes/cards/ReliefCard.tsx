import { ChartTable } from "@/components/charts/ChartTable";
import { ReliefCurveChart } from "@/components/charts/ReliefCurveChart";
import type { ReliefCurve } from "@/lib/outcomes/outcomeSummary";
import { compareLabel } from "@/components/outcomes/OutcomeFilterBar";
import { formatCount, medianText, pEquals, percentNumber } from "@/components/outcomes/format";
import { focusPhysician, outcomeSummary, reliefComparison } from "@/lib/dal/outcomes/dashboard";
import { MIN_PATIENTS_FOR_ESTIMATE } from "@/lib/outcomes/outcomeSummary";
import type { CardProps } from "@/components/outcomes/cardProps";
import type { ReliefSourceCounts, TurnbullAt, VisitOnlyRelief } from "@/lib/outcomes/reliefSources";

const TABLE_DAYS = [0, 7, 14, 28, 42, 91, 182, 365, 730];

/** A year on the square-root axis shows where relief happens; a curve that ends earlier ends there. */
function horizonOf(curves: ReliefCurve[]): number {
  const last = Math.max(14, ...curves.map((c) => c.points[c.points.length - 1]?.day ?? 0));
  return Math.min(365, last);
}

/** The curve at a day (step function: the last point at or before it). */
function at(c: ReliefCurve, day: number) {
  let p = c.points[0];
  for (const q of c.points) {
    if (q.day > day) break;
    p = q;
  }
  return p;
}

export async function ReliefCard({ me, filters, view }: CardProps) {
  const [s, comparison] = await Promise.all([outcomeSummary(me, filters, view), reliefComparison(me, filters, view.compare)]);
  const r = s.relief;
  const single = focusPhysician(me, filters) !== null;
  const curves: ReliefCurve[] = comparison ? comparison.groups.filter((g): g is ReliefCurve => !("tooFew" in g)) : r.curve ? [r.curve] : [];
  const tooFewGroups = comparison ? comparison.groups.filter((g) => "tooFew" in g) : [];
  const horizon = horizonOf(curves);
  const criterionLine = `Relief: ${r.criterion.description}, or a recorded patient-reported onset of relief (whichever is recorded); not yet relieved = censored at the last assessment.`;

  return (
    <section className="panel outcome-section" aria-labelledby="relief-title">
      <h2 id="relief-title">Time to symptom relief</h2>
      {s.procedures === 0 ? (
        <p className="too-few">No procedures match these filters.</p>
      ) : r.tooFew && !comparison ? (
        <p className="too-few" role="status">
          Too few to estimate: {formatCount(r.n)} {r.n === 1 ? "patient has" : "patients have"} a baseline and a follow-up (at least {MIN_PATIENTS_FOR_ESTIMATE}{" "}
          are needed for a curve).
        </p>
      ) : (
        <>
          <p className="lead">
            {comparison ? (
              <>
                {comparison.groups.map((g, k) => (
                  <span key={g.label} className="lead-part">
                    <strong>{g.label}</strong>:{" "}
                    {"tooFew" in g ? `too few to estimate (n = ${g.n})` : `${medianText(g.median, g.medianLower, g.medianUpper)}, n = ${formatCount(g.n)}`}
                    {k < comparison.groups.length - 1 ? "; " : ""}
                  </span>
                ))}
                <br />
                {comparison.logRank ? (
                  <>
                    Log-rank test: χ² = {comparison.logRank.chiSquare.toFixed(2)}, df = {comparison.logRank.df},{" "}
                    {comparison.logRank.pValue === null ? "p not computable (no relief events)" : pEquals(comparison.logRank.pValue)}
                  </>
                ) : (
                  "Log-rank test: needs at least two groups with patients."
                )}
              </>
            ) : (
              <>
                <strong>{medianText(r.median, r.medianLower, r.medianUpper)}</strong> · {formatCount(r.events)} of {formatCount(r.n)} patients relieved during
                follow-up
              </>
            )}
          </p>
          {curves.length > 0 ? (
            <ReliefCurveChart
              curves={curves}
              horizon={horizon}
              description={`Cumulative proportion relieved over days since the procedure${comparison ? `, ${comparison.groups.map((g) => g.label).join(" vs ")}` : ""}. ${curves.map((c) => `${c.label}: ${medianText(c.median, c.medianLower, c.medianUpper)}`).join("; ")}.`}
            />
          ) : (
            <p className="too-few">Too few patients in every group to draw a curve.</p>
          )}
          {tooFewGroups.length > 0 && (
            <p className="muted small">
              Not drawn (fewer than {MIN_PATIENTS_FOR_ESTIMATE} patients): {tooFewGroups.map((g) => `${g.label} (n = ${g.n})`).join(", ")}.
            </p>
          )}
          <ChartTable
            caption="Cumulative proportion relieved (Kaplan–Meier, 95 % CI) at selected days"
            columns={[
              { key: "day", label: "Day", numeric: true },
              ...curves.flatMap((c, k) => [
                { key: `r${k}`, label: `${curves.length > 1 ? `${c.label}: ` : ""}relieved (95 % CI)`, numeric: true },
                { key: `n${k}`, label: `${curves.length > 1 ? `${c.label}: ` : ""}at risk`, numeric: true },
              ]),
            ]}
            rows={TABLE_DAYS.filter((d) => d <= horizon).map((d) => {
              const row: Record<string, string | number> = { day: d };
              curves.forEach((c, k) => {
                const p = at(c, d);
                row[`r${k}`] = p
                  ? `${percentNumber(p.relieved)} % (${p.lower === null ? "—" : percentNumber(p.lower)}–${p.upper === null ? "—" : percentNumber(p.upper)} %)`
                  : "—";
                row[`n${k}`] = formatCount(c.points.find((q) => q.day >= d)?.atRisk ?? 0);
              });
              return row;
            })}
          />
        </>
      )}
      <p className="definition-line">
        {criterionLine}{" "}
        {comparison
          ? `Comparison: ${view.compare === "pool" && me.role === "physician" ? "my patients vs the rest of the practice (pooled)" : compareLabel(view.compare, single).replace(/^./, (ch) => ch.toLowerCase())}.`
          : ""}
      </p>
      {s.procedures > 0 && <ReliefSourcesLine sources={r.sources} visitOnly={r.visitOnly} />}
      <p className="definition-line">
        Not in this analysis: {formatCount(r.excluded.noBaseline)} {r.excluded.noBaseline === 1 ? "procedure" : "procedures"} without a baseline score for the
        criterion, {formatCount(r.excluded.noFollowUp)} without any follow-up assessment yet.
      </p>
    </section>
  );
}

const shareText = (a: TurnbullAt) =>
  a.upper - a.lower < 0.0005 ? `${percentNumber(a.lower)} %` : `${percentNumber(a.lower)}–${percentNumber(a.upper)} % (not determined within)`;

/** Where the relief days come from, and the interval-censored (Turnbull) estimate for the visit-only data, each with its count. */
function ReliefSourcesLine({ sources, visitOnly }: { sources: ReliefSourceCounts; visitOnly: VisitOnlyRelief }) {
  return (
    <>
      <p className="definition-line">
        Relief days: {formatCount(sources.diary)} from the patient&apos;s diary (the exact day), {formatCount(sources.onset)} from an onset the patient dated,{" "}
        {formatCount(sources.visit)} at a visit (relief came on or before it, after the previous follow-up); {formatCount(sources.censored)} not relieved by
        their last follow-up.
      </p>
      <p className="definition-line">
        Visit-only data, interval-censored (Turnbull&apos;s estimate, n = {formatCount(visitOnly.n)} procedures without a diary or a dated onset,{" "}
        {formatCount(visitOnly.events)} relieved):{" "}
        {visitOnly.at.length === 0
          ? "no relief to estimate from yet."
          : visitOnly.at.map((a, k) => `${k > 0 ? "; " : ""}relieved by day ${a.day}: ${shareText(a)}`).join("") + "."}
      </p>
    </>
  );
}
