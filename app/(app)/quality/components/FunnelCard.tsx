import Link from "next/link";
import { ChartTable } from "@/components/charts/ChartTable";
import { FunnelPlotChart, type FunnelPoint } from "@/components/charts/FunnelPlotChart";
import { VerdictBadge } from "@/components/outcomes/VerdictBadge";
import { percentNumber, rateText } from "@/components/outcomes/format";
import { qualityOverview, type PhysicianRate } from "@/lib/dal/outcomes/quality";
import type { CardProps } from "@/components/outcomes/cardProps";
import { AllGradeBeside } from "@/components/outcomes/AllGradeBeside";

const POSITION_TEXT: Record<PhysicianRate["position"], string> = {
  within: "within the limits",
  "above-95": "above the 95 % limit",
  "above-99.8": "above the 99.8 % limit",
  "below-95": "below the 95 % limit",
  "below-99.8": "below the 99.8 % limit",
};

/** The next "round" number (1, 2, 2.5, 5 × a power of ten) at or above x, for axis ends. */
function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

const ciOf = (p: PhysicianRate) => (p.rate.rate === null ? null : { estimate: p.rate.rate, lower: p.rate.ciLower!, upper: p.rate.ciUpper! });

export async function FunnelCard({ me, filters, view }: CardProps) {
  const q = await qualityOverview(me, filters, view);
  const lines = q.funnel;
  const centreLabel = q.centre === "pooled" ? `around the pooled ${percentNumber(q.centreRate)} %` : "around 0.1 %";
  const points: FunnelPoint[] = q.physicians.map((p) => ({
    name: p.name,
    n: p.rate.procedures,
    events: p.rate.events,
    rate: p.rate.rate ?? 0,
    outside: p.position !== "within",
    ciText: rateText(p.rate.events, p.rate.procedures, ciOf(p)),
  }));
  const xMax = niceCeil(Math.max(10, ...points.map((p) => p.n)) * 1.05);
  const minN = Math.max(1, Math.min(...points.map((p) => p.n)) * 0.5);
  const yMax = niceCeil(
    Math.max(q.target * 3, q.pooled.rate ?? 0, ...points.map((p) => p.rate), ...lines.filter((l) => l.n >= minN).map((l) => l.upper95)) * 1.1,
  );
  const hrefFor = (id: number) => `/outcomes?physician=${id}`;
  return (
    <section className="panel outcome-section" aria-labelledby="funnel-title">
      <h2 id="funnel-title">Complication rates by physician: funnel plot</h2>
      <p className="lead">
        Whole practice:{" "}
        {rateText(
          q.pooled.events,
          q.pooled.procedures,
          q.pooled.summary.rate === null ? null : { estimate: q.pooled.summary.rate, lower: q.pooled.summary.ciLower!, upper: q.pooled.summary.ciUpper! },
        )}{" "}
        · limits {centreLabel}
      </p>
      <AllGradeBeside allGrade={q.pooled.allGrade} />
      {points.length === 0 ? (
        <p className="too-few">No procedures match these filters.</p>
      ) : (
        <div className="funnel-layout">
          <div>
            <FunnelPlotChart
              points={points}
              lines={lines}
              centreLabel={centreLabel}
              target={q.target}
              pooled={q.pooled.rate}
              yMax={yMax}
              xMax={xMax}
              description={`Funnel plot of ${points.length} physicians' complication rates against their number of procedures, with exact binomial 95 % and 99.8 % limits ${centreLabel}. ${q.outside.length} outside the limits.`}
            />
            <ChartTable
              caption={`Every physician: rate, exact 95 % CI, limits at their volume (${centreLabel})`}
              columns={[
                { key: "name", label: "Physician" },
                { key: "rate", label: "Procedures with a complication under the definition", numeric: true },
                { key: "all", label: "All grades", numeric: true },
                { key: "l95", label: "95 % upper limit", numeric: true },
                { key: "l998", label: "99.8 % upper limit", numeric: true },
                { key: "pos", label: "Position" },
              ]}
              rows={q.physicians.map((p) => ({
                name: p.name,
                rate: rateText(p.rate.events, p.rate.procedures, ciOf(p)),
                all: rateText(p.allGrade.events, p.allGrade.procedures, p.allGrade.rate),
                l95: `${percentNumber(p.limitsAtN[0].upper)} %`,
                l998: `${percentNumber(p.limitsAtN[1].upper)} %`,
                pos: POSITION_TEXT[p.position],
              }))}
            />
          </div>
          <aside className="outside-list" aria-labelledby="outside-title">
            <h3 id="outside-title">Outside the limits ({q.outside.length})</h3>
            {q.outside.length === 0 ? (
              <p className="muted">Every physician is within the 95 % limits {centreLabel}.</p>
            ) : (
              <ul>
                {q.outside.map((p) => (
                  <li key={p.id}>
                    <span className="outside-head">
                      <Link href={hrefFor(p.id)}>{p.name}</Link>
                      <VerdictBadge summary={p.rate} compact />
                    </span>
                    <span className="small">
                      <span className={`position position-${p.position}`}>{POSITION_TEXT[p.position]}</span> ·{" "}
                      {rateText(p.rate.events, p.rate.procedures, ciOf(p))}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </aside>
        </div>
      )}
      <p className="definition-line">
        Complication definition: {q.definition}. The funnel and the verdicts use this count; the all-grade column is shown beside it, not plotted. Limits: exact
        binomial 95 % and 99.8 % {centreLabel} (they step up where one more event becomes compatible with the centre; a physician is outside when their count is
        beyond the exact limit for their volume); the 0.1 % target is always drawn, the practice&apos;s pooled rate as a dotted line.
      </p>
    </section>
  );
}
