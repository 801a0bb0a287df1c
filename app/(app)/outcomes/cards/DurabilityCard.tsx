import { ChartTable } from "@/components/charts/ChartTable";
import { DurabilityChart } from "@/components/charts/DurabilityChart";
import { formatCount, percentNumber } from "@/components/outcomes/format";
import type { CardProps } from "@/components/outcomes/cardProps";
import { SUBSEQUENT_SURGERY_LABELS } from "@/lib/labels";
import { outcomeDurability } from "@/lib/dal/outcomes/dashboard";
import { DURABILITY_DEFINITION } from "@/lib/outcomes/durability";
import { MIN_PATIENTS_FOR_ESTIMATE } from "@/lib/outcomes/outcomeSummary";

const ciText = (free: number | null, lower: number | null, upper: number | null) =>
  free === null
    ? "beyond follow-up"
    : `${percentNumber(free)} % (95 % CI ${lower === null ? "—" : percentNumber(lower)}–${upper === null ? "—" : percentNumber(upper)} %)`;

/** Durability: freedom from subsequent lumbar surgery over time, the long-term outcome MILD studies report. */
export async function DurabilityCard({ me, filters }: CardProps) {
  const d = await outcomeDurability(me, filters);
  const at12 = d.at.find((a) => a.day === 365)!;
  return (
    <section className="panel outcome-section" aria-labelledby="durability-title">
      <h2 id="durability-title">Free of subsequent surgery</h2>
      {d.tooFew ? (
        <p className="too-few" role="status">
          Too few to estimate: {formatCount(d.n)} {d.n === 1 ? "procedure has" : "procedures have"} follow-up time (at least {MIN_PATIENTS_FOR_ESTIMATE} are
          needed for a curve).
        </p>
      ) : (
        <>
          <p className="lead">
            <strong>At 12 months: {ciText(at12.free, at12.lower, at12.upper)}</strong> · {formatCount(d.events)} of {formatCount(d.n)} procedures followed by a
            lumbar surgery
            {d.byType.length > 0 && ` (${d.byType.map((t) => `${SUBSEQUENT_SURGERY_LABELS[t.type].toLowerCase()} ${formatCount(t.n)}`).join(", ")})`}
          </p>
          <DurabilityChart
            points={d.points}
            at={d.at}
            description={`Proportion free of subsequent lumbar surgery over days since the procedure, n = ${d.n}. ${d.at.map((a) => `${a.label}: ${ciText(a.free, a.lower, a.upper)}, ${a.atRisk} at risk`).join("; ")}.`}
          />
          <ChartTable
            caption="Free of subsequent surgery (Kaplan–Meier, 95 % CI) and numbers at risk"
            open
            columns={[
              { key: "when", label: "After", numeric: false },
              { key: "free", label: "Free of subsequent surgery (95 % CI)", numeric: true },
              { key: "atRisk", label: "At risk", numeric: true },
            ]}
            rows={d.at.map((a) => ({ when: a.label, free: ciText(a.free, a.lower, a.upper), atRisk: formatCount(a.atRisk) }))}
          />
        </>
      )}
      <p className="definition-line">
        n = {formatCount(d.n)}. {DURABILITY_DEFINITION} Not in this analysis: {formatCount(d.noFollowUp)} {d.noFollowUp === 1 ? "procedure" : "procedures"}{" "}
        without any follow-up yet.
      </p>
    </section>
  );
}
