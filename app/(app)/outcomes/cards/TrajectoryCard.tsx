import { TIMEPOINT_LABELS } from "@/lib/labels";
import { ChartTable } from "@/components/charts/ChartTable";
import { TrajectoryChart } from "@/components/charts/TrajectoryChart";
import { formatCount, formatPValue, meanCiText, percentNumber, score, signed } from "@/components/outcomes/format";
import { outcomeSummary } from "@/lib/dal/outcomes/dashboard";
import { MIN_PATIENTS_FOR_ESTIMATE, type ChangeRow, type ResponderRow } from "@/lib/outcomes/outcomeSummary";
import { SimpleTable, type SimpleColumn } from "@/components/table/SimpleTable";
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
      <SimpleTable
        caption={`Patients with both a baseline and a ${at.toLowerCase()} score; change = follow-up − baseline (negative = lower score)`}
        columns={changeColumns(at)}
        rows={s.change}
        rowKey={(row) => row.measure.key}
      />

      <h3>Responders at {at.toLowerCase()} (minimal clinically important difference)</h3>
      <SimpleTable
        caption="Share of patients reaching each MCID, exact (Clopper–Pearson) 95 % CI; the rule chosen for the headline is highlighted"
        columns={RESPONDER_COLUMNS}
        rows={s.responders}
        rowKey={(row) => row.preset.id}
        rowClassName={(row) => (row.preset.id === view.mcid ? "highlight" : undefined)}
      />
    </section>
  );
}

const pText = (p: number | null | undefined) => (p === null || p === undefined ? "—" : formatPValue(p));

function changeColumns(at: string): SimpleColumn<ChangeRow>[] {
  return [
    {
      header: "Measure",
      rowHeader: true,
      cell: (row) => (
        <>
          {row.measure.label} <span className="muted small">({row.measure.better} is better)</span>
        </>
      ),
    },
    { header: "Pairs", num: true, cell: (row) => formatCount(row.change?.n ?? 0) },
    { header: "Baseline mean", num: true, cell: (row) => score(row.baselineMean) },
    { header: `${at} mean`, num: true, cell: (row) => score(row.followUpMean) },
    {
      header: "Mean change (95 % CI)",
      num: true,
      cell: ({ change }) =>
        !change ? (
          <span className="muted">no pairs</span>
        ) : change.ciLower === null ? (
          `${signed(change.meanChange)} (CI not estimable)`
        ) : (
          `${signed(change.meanChange)} (${signed(change.ciLower)} to ${signed(change.ciUpper)})`
        ),
    },
    { header: "Paired t p", num: true, cell: (row) => pText(row.change?.pValue) },
    { header: "Wilcoxon p", num: true, cell: (row) => pText(row.change?.wilcoxonPValue) },
  ];
}

const RESPONDER_COLUMNS: SimpleColumn<ResponderRow>[] = [
  { header: "Rule", rowHeader: true, cell: ({ preset }) => preset.label },
  { header: "Responders / patients", num: true, cell: ({ result }) => (result ? `${formatCount(result.responders)} / ${formatCount(result.n)}` : "—") },
  {
    header: "Share (95 % CI)",
    num: true,
    cell: ({ result }) =>
      result
        ? result.n < MIN_PATIENTS_FOR_ESTIMATE
          ? `${percentNumber(result.rate)} % (too few to estimate well)`
          : `${percentNumber(result.rate)} % (${percentNumber(result.lower)}–${percentNumber(result.upper)} %)`
        : "no pairs",
  },
];
