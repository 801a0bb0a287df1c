import { FOLLOW_UP_TARGET } from "@/lib/outcomes/timepoints";
import { SimpleTable, type SimpleColumn } from "@/components/table/SimpleTable";
import { TIMEPOINT_LABELS } from "@/lib/labels";
import { formatCount, percentNumber } from "@/lib/format/numbers";
import type { ScheduledTimepoint } from "@/lib/outcomes/timepoints";
import { notExpectedParts, type NotExpectedCounts } from "@/lib/outcomes/followUpStatus";

export type FollowUpRow = {
  timepoint: ScheduledTimepoint;
  eligible: number;
  done: number;
  ci: { estimate: number; lower: number; upper: number } | null;
  /** The assessed split by who entered them, each over the same eligible procedures: clinic visits and the patient's link. */
  bySource: Record<"clinic" | "patient", { done: number; ci: { estimate: number; lower: number; upper: number } | null }>;
  /** Lost, withdrawn and deceased patients no longer expected at this timepoint: outside the denominator, shown apart. */
  notExpected: NotExpectedCounts;
};

export function FollowUpTable({ rows }: { rows: FollowUpRow[] }) {
  const highlight = (r: FollowUpRow) => (r.timepoint === "month_12" ? "highlight" : undefined);
  return <SimpleTable caption={CAPTION} columns={FOLLOW_UP_COLUMNS} rows={rows} rowKey={(r) => r.timepoint} rowClassName={highlight} />;
}

const CAPTION = "Follow-up completeness (procedures still expected whose window has closed)";

const FOLLOW_UP_COLUMNS: SimpleColumn<FollowUpRow>[] = [
  { header: "Timepoint", rowHeader: true, cell: (r) => TIMEPOINT_LABELS[r.timepoint] },
  { header: "Assessed / due", num: true, cell: (r) => `${formatCount(r.done)} / ${formatCount(r.eligible)}` },
  {
    header: "Completeness (95 % CI)",
    num: true,
    cell: (r) =>
      r.ci ? (
        <>
          {percentNumber(r.ci.estimate)} % ({percentNumber(r.ci.lower)}–{percentNumber(r.ci.upper)} %)
          {r.timepoint === "month_12" && r.ci.estimate < FOLLOW_UP_TARGET && <span className="badge warn"> below 80 % target</span>}
        </>
      ) : (
        <span className="muted">no window closed yet</span>
      ),
  },
  { header: "By clinic (95 % CI)", num: true, cell: (r) => sourceCell(r.bySource.clinic) },
  { header: "By patient link (95 % CI)", num: true, cell: (r) => sourceCell(r.bySource.patient) },
  // One short line per status (the header already says "not expected"): a long sentence here made every row tall on a phone.
  {
    header: "Not expected",
    className: "small",
    cell: (r) => {
      const parts = notExpectedParts(r.notExpected);
      return parts.length ? parts.map((p, i) => <div key={i}>{p}</div>) : <span className="muted">none</span>;
    },
  },
];

function sourceCell(s: FollowUpRow["bySource"]["clinic"]) {
  return s.ci ? (
    <>
      {formatCount(s.done)} · {percentNumber(s.ci.estimate)} % ({percentNumber(s.ci.lower)}–{percentNumber(s.ci.upper)} %)
    </>
  ) : (
    <span className="muted">—</span>
  );
}
