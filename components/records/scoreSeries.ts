/**
 * Builds the ready-made series the score charts draw (the charts never compute): for each measure, one series
 * per procedure with the days since that procedure on x, the baseline value for the dashed reference line,
 * and each point's exact date, timepoint and change from baseline for the tooltip and the table.
 */
import type { Timepoint } from "@/db/enums";
import { TIMEPOINT_LABELS } from "@/lib/labels";
import { daysBetween, displayDate } from "@/lib/outcomes/dates";

export type MeasureKey = "nprsBack" | "nprsLeg" | "odi" | "walkingMinutes" | "standingMinutes";

export type MeasureInfo = {
  key: MeasureKey;
  title: string;
  /** y-axis title, with the unit */
  axisLabel: string;
  unit: string;
  /** fixed for bounded scales; tolerances grow with the data */
  domain: [number, number | "auto"];
  better: "lower" | "higher";
};

export const MEASURES: readonly MeasureInfo[] = [
  { key: "nprsBack", title: "NPRS back pain", axisLabel: "NPRS (0–10)", unit: "", domain: [0, 10], better: "lower" },
  { key: "nprsLeg", title: "NPRS leg pain", axisLabel: "NPRS (0–10)", unit: "", domain: [0, 10], better: "lower" },
  { key: "odi", title: "Oswestry Disability Index", axisLabel: "ODI (%)", unit: "%", domain: [0, 100], better: "lower" },
  { key: "walkingMinutes", title: "Walking tolerance", axisLabel: "Minutes", unit: "min", domain: [0, "auto"], better: "higher" },
  { key: "standingMinutes", title: "Standing tolerance", axisLabel: "Minutes", unit: "min", domain: [0, "auto"], better: "higher" },
];

export type ScorePoint = {
  day: number;
  value: number;
  date: string;
  timepoint: string;
  /** value − baseline, or null without a baseline (or for the baseline itself) */
  change: number | null;
};

/** `index` is the procedure's position on the page, so a procedure keeps its line style in every chart. */
export type ScoreSeries = { id: string; index: number; label: string; baseline: number | null; points: ScorePoint[] };

export type MeasureChart = {
  measure: MeasureInfo;
  series: ScoreSeries[];
  pointCount: number;
  /** the page shows more than one procedure: name each line */
  legend: boolean;
  /** x range in days, from the procedure (or the earliest baseline) to the last assessment */
  xDomain: [number, number];
  /** x ticks on the schedule's nominal days (2 weeks, 6 weeks, 3, 6, 12, 24 months), as many as fit */
  xTicks: number[];
};

type AssessmentScores = { procedureId: number; timepoint: Timepoint; assessedOn: string } & Record<MeasureKey, number | null>;
type ProcedureRef = { id: number; procedureDate: string; label: string };

// Changes are shown to one decimal (ODI is stored to one decimal; float subtraction must not show 12.299999).
const round1 = (x: number) => Math.round(x * 10) / 10;

export function buildScoreCharts(procedures: readonly ProcedureRef[], assessments: readonly AssessmentScores[]): MeasureChart[] {
  return MEASURES.map((measure) => {
    const series = procedures.map((p, index) => {
      const own = assessments
        .filter((a) => a.procedureId === p.id && a[measure.key] !== null)
        .map((a) => ({ a, day: daysBetween(p.procedureDate, a.assessedOn) }))
        .sort((x, y) => x.day - y.day);
      const baselineRow = own.find(({ a }) => a.timepoint === "baseline");
      const baseline = baselineRow ? (baselineRow.a[measure.key] as number) : null;
      const points: ScorePoint[] = own.map(({ a, day }) => {
        const value = a[measure.key] as number;
        return {
          day,
          value,
          date: displayDate(a.assessedOn),
          timepoint: TIMEPOINT_LABELS[a.timepoint],
          change: baseline === null || a === baselineRow?.a ? null : round1(value - baseline),
        };
      });
      return { id: String(p.id), index, label: p.label, baseline, points };
    });
    const drawn = series.filter((s) => s.points.length > 0);
    const days = drawn.flatMap((s) => s.points.map((p) => p.day));
    const last = Math.max(0, ...days);
    // Stretch the axis to the next scheduled day when it is close (723 → 730), so that day gets its tick.
    const nextScheduled = TICK_DAYS.find((d) => d >= last);
    const xDomain: [number, number] = [Math.min(0, ...days), nextScheduled !== undefined && nextScheduled <= last * 1.15 ? nextScheduled : last];
    return { measure, series: drawn, pointCount: days.length, legend: procedures.length > 1, xDomain, xTicks: scheduleTicks(xDomain) };
  });
}

// Day 0 and the nominal days of the follow-up schedule: a reader sees "3 months" at 91 rather than 184.
const TICK_DAYS = [0, 14, 42, 91, 182, 365, 730];

function scheduleTicks([from, to]: [number, number]): number[] {
  const minGap = (to - from) * 0.09;
  const ticks: number[] = [];
  for (const d of TICK_DAYS) {
    if (d > to) break;
    if (ticks.length === 0 || d - ticks[ticks.length - 1]! >= minGap) ticks.push(d);
  }
  if (to > 730 && to - 730 >= minGap) ticks.push(to);
  return ticks;
}

/** One sentence a screen reader can take instead of the chart. */
export function describeChart(chart: MeasureChart): string {
  const { measure, series } = chart;
  if (series.length === 0) return `No ${measure.title} scores recorded.`;
  const unit = measure.unit ? ` ${measure.unit}` : "";
  return series
    .map((s) => {
      const last = s.points[s.points.length - 1]!;
      const from = s.baseline !== null ? `baseline ${s.baseline}${unit}` : "no baseline recorded";
      return `${series.length > 1 ? `${s.label}: ` : ""}${measure.title} ${from}; latest ${last.value}${unit} on day ${last.day} (${last.timepoint}), ${s.points.length} score${s.points.length === 1 ? "" : "s"}.`;
    })
    .join(" ");
}
