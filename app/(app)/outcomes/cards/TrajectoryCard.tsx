import { TIMEPOINT_LABELS } from "@/lib/labels";
import { ChartTable } from "@/components/charts/ChartTable";
import { TrajectoryChart } from "@/components/charts/TrajectoryChart";
import { formatCount, formatPValue, meanCiText, percentNumber, score, signed } from "@/components/outcomes/format";
import { outcomeSummary } from "@/lib/dal/outcomes";
import { MIN_PATIENTS_FOR_ESTIMATE } from "@/lib/outcomes/outcomeSummary";
import { SCHEDULED_TIMEPOINTS } from "@/lib/outcomes/timepoints";
import type { CardProps } from "@/components/outcomes/cardProps";

/** Axis labels short enough for eight timepoints under a small chart; tooltips and tables use the full names. */
const SHORT: Record<string, string> = {
  baseline: "Base",
  day_1_3: "D1–3",
  week_2: "2 wk",
  week_6: "6 wk",
  month_3: "3 mo",
  month_6: "6 mo",
  month_12: "12 mo",
  month_24: "24 mo",
};
const ORDER = SCHEDULED_TIMEPOINTS.map((t) => ({ timepoint: t, label: SHORT[t], full: TIMEPOINT_LABELS[t] }));

export async function TrajectoryCard({ me, filters, view }: CardProps) {
  const s = await outcomeSummary(me, filters, view);
  const at = TIMEPOINT_LABELS[view.at];
  if (s.procedures === 0) {
    return (
      <section className="panel outcome-section" aria-labelledby="trajectories-title">
        <h2 id="trajectories-title">Scores over time</h2>
        <p className="too-few">No procedures match these filters.</p>
      </section>
    );
  }
  return (
    <section className="panel outcome-section" aria-labelledby="trajectories-title">
      <h2 id="trajectories-title">Scores over time</h2>
      <p className="muted small">
        Mean and 95 % CI (t interval) at each scheduled timepoint; n = patients assessed there. Unscheduled visits are not on this axis.
      </p>
      <div className="trajectory-grid">
        {s.trajectories.map((t) => {
          const enough = t.points.some((p) => p.n >= MIN_PATIENTS_FOR_ESTIMATE);
          const unitShort = t.measure.unit.split(" ")[0];
          return (
            <div key={t.measure.key} className="trajectory-cell">
              {enough ? (
                <TrajectoryChart
                  title={t.measure.label}
                  unit={t.measure.unit}
                  better={t.measure.better}
                  series={[{ label: "Mean", points: t.points.map((p) => ({ ...p, label: SHORT[p.timepoint] })) }]}
                  order={ORDER}
                  domain={t.measure.key.startsWith("nprs") ? [0, 10] : [0, "auto"]}
                  ticks={t.measure.key.startsWith("nprs") ? [0, 2, 4, 6, 8, 10] : undefined}
                  description={`${t.measure.label}: ${t.points.map((p) => `${TIMEPOINT_LABELS[p.timepoint]} mean ${score(p.mean)} (n ${p.n})`).join(", ")}`}
                />
              ) : (
                <div className="chart-empty">
                  <p className="chart-title">{t.measure.label}</p>
                  <p className="too-few">Too few to estimate: fewer than {MIN_PATIENTS_FOR_ESTIMATE} patients at every timepoint.</p>
                </div>
              )}
              <ChartTable
                caption={`${t.measure.label} (${t.measure.unit}): mean and 95 % CI by timepoint`}
                columns={[
                  { key: "tp", label: "Timepoint" },
                  { key: "n", label: "n", numeric: true },
                  { key: "mean", label: `Mean (95 % CI), ${unitShort}`, numeric: true },
                ]}
                rows={t.points.map((p) => ({ tp: TIMEPOINT_LABELS[p.timepoint], n: formatCount(p.n), mean: meanCiText(p.mean, p.ciLower, p.ciUpper) }))}
              />
            </div>
          );
        })}
      </div>

      <h3>Change from baseline at {at.toLowerCase()}</h3>
      <div className="table-scroll">
        <table className="data-table">
          <caption>Patients with both a baseline and a {at.toLowerCase()} score; change = follow-up − baseline (negative = lower score)</caption>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              <th scope="col" className="num">
                Pairs
              </th>
              <th scope="col" className="num">
                Baseline mean
              </th>
              <th scope="col" className="num">
                {at} mean
              </th>
              <th scope="col" className="num">
                Mean change (95 % CI)
              </th>
              <th scope="col" className="num">
                Paired t p
              </th>
              <th scope="col" className="num">
                Wilcoxon p
              </th>
            </tr>
          </thead>
          <tbody>
            {s.change.map((row) => (
              <tr key={row.measure.key}>
                <th scope="row">
                  {row.measure.label} <span className="muted small">({row.measure.better} is better)</span>
                </th>
                <td className="num">{formatCount(row.change?.n ?? 0)}</td>
                <td className="num">{score(row.baselineMean)}</td>
                <td className="num">{score(row.followUpMean)}</td>
                <td className="num">
                  {row.change ? (
                    row.change.ciLower === null ? (
                      `${signed(row.change.meanChange)} (CI not estimable)`
                    ) : (
                      `${signed(row.change.meanChange)} (${signed(row.change.ciLower)} to ${signed(row.change.ciUpper)})`
                    )
                  ) : (
                    <span className="muted">no pairs</span>
                  )}
                </td>
                <td className="num">{row.change?.pValue === null || !row.change ? "—" : formatPValue(row.change.pValue)}</td>
                <td className="num">{row.change?.wilcoxonPValue === null || !row.change ? "—" : formatPValue(row.change.wilcoxonPValue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>Responders at {at.toLowerCase()} (minimal clinically important difference)</h3>
      <div className="table-scroll">
        <table className="data-table">
          <caption>Share of patients reaching each MCID, exact (Clopper–Pearson) 95 % CI; the rule chosen for the headline is highlighted</caption>
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col" className="num">
                Responders / patients
              </th>
              <th scope="col" className="num">
                Share (95 % CI)
              </th>
            </tr>
          </thead>
          <tbody>
            {s.responders.map(({ preset, result }) => (
              <tr key={preset.id} className={preset.id === view.mcid ? "highlight" : undefined}>
                <th scope="row">{preset.label}</th>
                <td className="num">{result ? `${formatCount(result.responders)} / ${formatCount(result.n)}` : "—"}</td>
                <td className="num">
                  {result
                    ? result.n < MIN_PATIENTS_FOR_ESTIMATE
                      ? `${percentNumber(result.rate)} % (too few to estimate well)`
                      : `${percentNumber(result.rate)} % (${percentNumber(result.lower)}–${percentNumber(result.upper)} %)`
                    : "no pairs"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
