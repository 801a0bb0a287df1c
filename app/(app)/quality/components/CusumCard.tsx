import Link from "next/link";
import { SimpleTable } from "@/components/table/SimpleTable";
import { ChartTable } from "@/components/charts/ChartTable";
import { CusumChart } from "@/components/charts/CusumChart";
import { GChart } from "@/components/charts/GChart";
import { formatCount } from "@/components/outcomes/format";
import { qualityOverview } from "@/lib/dal/outcomes/quality";
import { displayDate } from "@/lib/outcomes/dates";
import { outcomeFiltersToParams, outcomeViewToParams } from "@/lib/outcomes/outcomeFilters";
import type { CardProps } from "@/components/outcomes/cardProps";

export async function CusumCard({ me, filters, view }: CardProps) {
  const q = await qualityOverview(me, filters, view);
  const c = q.cusum;
  const hrefFor = (id: number) => {
    const params = outcomeFiltersToParams(filters);
    for (const [k, v] of outcomeViewToParams({ ...view, cusum: id })) params.set(k, v);
    return `/quality?${params.toString()}#cusum-title`;
  };
  const signalled = q.physicians.filter((p) => p.cusum.firstSignal !== null);
  const series = c.series.map((p) => ({ ...p, dateText: displayDate(p.date) }));
  const firstSignalScore = c.firstSignal ? (c.series.find((p) => p.index === c.firstSignal!.index)?.score ?? c.threshold) : 0;
  return (
    <section className="panel outcome-section" aria-labelledby="cusum-title">
      <h2 id="cusum-title">Bernoulli CUSUM{c.physician ? `: ${c.physician.name}` : ""}</h2>
      <p className="lead">
        {c.physician ? (
          c.firstSignal ? (
            <>
              <strong>Signalled</strong> at procedure {formatCount(c.firstSignal.index)} of {formatCount(c.procedures)} ({displayDate(c.firstSignal.date)}) ·{" "}
              {formatCount(c.events)} qualifying {c.events === 1 ? "complication" : "complications"}
            </>
          ) : (
            <>
              No signal over {formatCount(c.procedures)} procedures · {formatCount(c.events)} qualifying {c.events === 1 ? "complication" : "complications"}
            </>
          )
        ) : (
          "No physician has procedures under these filters."
        )}
      </p>
      {c.physician && c.procedures > 0 && (
        <>
          <CusumChart
            series={series}
            threshold={c.threshold}
            procedures={c.procedures}
            firstSignal={c.firstSignal ? { index: c.firstSignal.index, dateText: displayDate(c.firstSignal.date), score: firstSignalScore } : null}
            description={`CUSUM score over ${c.procedures} procedures of ${c.physician.name}; threshold ${c.threshold}; ${c.firstSignal ? `first signal at procedure ${c.firstSignal.index} on ${displayDate(c.firstSignal.date)}` : "no signal"}.`}
          />
          <ChartTable
            caption="Qualifying complications in date order and the CUSUM score after each"
            columns={[
              { key: "i", label: "Procedure number", numeric: true },
              { key: "date", label: "Date" },
              { key: "score", label: "Score after", numeric: true },
            ]}
            rows={c.series.filter((p) => p.event === 1).map((p) => ({ i: formatCount(p.index), date: displayDate(p.date), score: p.score.toFixed(3) }))}
          />
          <p className="definition-line">
            p0 = 0.1 %, detecting a doubling of the odds (odds ratio {c.oddsRatio}); each complication adds {c.weights.failure.toFixed(3)}, each procedure
            without one subtracts {Math.abs(c.weights.success).toFixed(4)} (about {formatCount(Math.round(c.weights.failure / Math.abs(c.weights.success)))}{" "}
            clean procedures cancel one event); the score never falls below 0 and signals at h = {c.threshold}. Steiner et al. 2000. Complication definition:{" "}
            {q.definition}.
          </p>

          <h3>g-chart: procedures between complications</h3>
          {c.gChart.length === 0 ? (
            <p className="muted">No qualifying complication: nothing to chart.</p>
          ) : (
            <>
              <GChart
                bars={c.gChart.map((g) => ({ ...g, dateText: displayDate(g.date) }))}
                expectedBetween={Math.round(1 / q.target) - 1}
                description={`Procedures between consecutive qualifying complications for ${c.physician.name}: ${c.gChart.map((g) => g.between).join(", ")}.`}
              />
              <ChartTable
                caption="Procedures between consecutive qualifying complications"
                columns={[
                  { key: "e", label: "Complication", numeric: true },
                  { key: "date", label: "Procedure date" },
                  { key: "b", label: "Procedures without one before it", numeric: true },
                ]}
                rows={c.gChart.map((g) => ({ e: g.event, date: displayDate(g.date), b: formatCount(g.between) }))}
              />
            </>
          )}
        </>
      )}

      <h3>Every physician&apos;s CUSUM</h3>
      <SimpleTable
        caption={`${formatCount(signalled.length)} of ${formatCount(q.physicians.length)} physicians crossed h = ${view.threshold} at some point; choose one to see the chart`}
        columns={[
          {
            header: "Physician",
            rowHeader: true,
            cell: (p) => (
              <Link href={hrefFor(p.id)} aria-current={p.id === c.physician?.id ? "true" : undefined}>
                {p.name}
              </Link>
            ),
          },
          { header: "Procedures", num: true, cell: (p) => formatCount(p.rate.procedures) },
          { header: "Complications", num: true, cell: (p) => formatCount(p.rate.events) },
          {
            header: "First signal",
            cell: (p) =>
              p.cusum.firstSignal ? (
                `procedure ${formatCount(p.cusum.firstSignal)} · ${displayDate(p.cusum.firstSignalDate!)}`
              ) : (
                <span className="muted">none</span>
              ),
          },
          { header: "Score now", num: true, cell: (p) => p.cusum.lastScore.toFixed(2) },
        ]}
        rows={q.physicians}
        rowKey={(p) => p.id}
        rowClassName={(p) => (p.id === c.physician?.id ? "highlight" : undefined)}
      />
    </section>
  );
}
