import { SimpleTable } from "@/components/table/SimpleTable";
import { VerdictBadge } from "@/components/outcomes/VerdictBadge";
import { formatCount, pEquals, percentNumber, rateText } from "@/components/outcomes/format";
import { COMPLICATION_TYPE_LABELS, RELATEDNESS_LABELS, romanGrade } from "@/lib/labels";
import { outcomeHeadline } from "@/lib/dal/outcomes/dashboard";
import type { CardProps } from "@/components/outcomes/cardProps";
import { AllGradeBeside } from "@/components/outcomes/AllGradeBeside";
import { whatItTakesText } from "@/lib/outcomes/verdict";

function Breakdown({ caption, heading, rows }: { caption: string; heading: string; rows: { label: string; complications: number; procedures: number }[] }) {
  return (
    <SimpleTable
      caption={caption}
      columns={[
        { header: heading, rowHeader: true, cell: (r) => r.label },
        { header: "Reports", num: true, cell: (r) => formatCount(r.complications) },
        { header: "Procedures", num: true, cell: (r) => formatCount(r.procedures) },
      ]}
      rows={rows}
      rowKey={(r) => r.label}
      className="compact"
      empty="None"
    />
  );
}

export async function ComplicationCard({ me, filters, view }: CardProps) {
  const s = await outcomeHeadline(me, filters, view);
  const c = s.complications;
  const ci = c.rate === null ? null : { estimate: c.rate, lower: c.ciLower!, upper: c.ciUpper! };
  return (
    <section className="panel outcome-section" aria-labelledby="complications-title">
      <h2 id="complications-title">Complications against the published &lt; 0.1 %</h2>
      {c.procedures === 0 ? (
        <p className="too-few">No procedures match these filters.</p>
      ) : (
        <div className="complication-layout">
          <div>
            <p className="big-figure">{rateText(c.events, c.procedures, ci)}</p>
            <p className="muted small">procedures with at least one complication under the definition / procedures</p>
            <p className="verdict-line">
              <VerdictBadge summary={c} />
            </p>
            {c.verdict === "not-yet-shown" && c.rate !== null && c.rate > c.target && (
              <p className="small">The observed rate is above 0.1 %, but not significantly so (one-sided exact {pEquals(c.pValueAboveTarget)}).</p>
            )}
            <dl className="rate-facts">
              <dt>One-sided 95 % upper bound</dt>
              <dd>{percentNumber(c.upperBound95)} %</dd>
              <dt>Exact one-sided test, rate &gt; 0.1 %</dt>
              <dd>{pEquals(c.pValueAboveTarget)}</dd>
              <dt>Qualifying reports</dt>
              <dd>
                {formatCount(c.reports)} on {formatCount(c.events)} {c.events === 1 ? "procedure" : "procedures"}
              </dd>
              {c.verdict === "not-yet-shown" && (
                <>
                  <dt>To show &lt; 0.1 %</dt>
                  <dd>about {formatCount(c.moreProceduresNeeded ?? 0)} more event-free procedures</dd>
                </>
              )}
            </dl>
            <p className="muted small">{whatItTakesText(c)}</p>
            <AllGradeBeside allGrade={c.allGrade} />
          </div>
          <div className="breakdowns">
            <Breakdown
              caption="By type"
              heading="Type"
              rows={c.byType.map((r) => ({ label: COMPLICATION_TYPE_LABELS[r.key] ?? r.key, complications: r.complications, procedures: r.procedures }))}
            />
            <Breakdown
              caption="By grade"
              heading="Grade"
              rows={c.byGrade.map((r) => ({ label: `Clavien–Dindo ${romanGrade(r.key)}`, complications: r.complications, procedures: r.procedures }))}
            />
            <Breakdown
              caption="By relatedness"
              heading="Related to"
              rows={c.byRelatedness.map((r) => ({ label: RELATEDNESS_LABELS[r.key], complications: r.complications, procedures: r.procedures }))}
            />
          </div>
        </div>
      )}
      <p className="definition-line">
        Complication definition: {c.description}. A procedure counts once however many qualifying reports it has. Exact (Clopper–Pearson) 95 % CI; verdict from
        the one-sided exact binomial test and bound against 0.1 %.
      </p>
    </section>
  );
}
