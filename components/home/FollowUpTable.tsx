import { TIMEPOINT_LABELS } from "@/lib/labels";
import { formatCount, percentNumber } from "@/lib/format/numbers";
import type { ScheduledTimepoint } from "@/lib/outcomes/timepoints";

export type FollowUpRow = { timepoint: ScheduledTimepoint; eligible: number; done: number; ci: { estimate: number; lower: number; upper: number } | null };

/** Registries expect at least 80 % follow-up at 12 months; the table marks rows below that. */
export const FOLLOW_UP_TARGET = 0.8;

export function FollowUpTable({ rows }: { rows: FollowUpRow[] }) {
  return (
    <table className="data-table">
      <caption>Follow-up completeness (procedures whose window has closed)</caption>
      <thead>
        <tr>
          <th scope="col">Timepoint</th>
          <th scope="col" className="num">
            Assessed / due
          </th>
          <th scope="col" className="num">
            Completeness (95 % CI)
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.timepoint} className={r.timepoint === "month_12" ? "highlight" : undefined}>
            <th scope="row">{TIMEPOINT_LABELS[r.timepoint]}</th>
            <td className="num">
              {formatCount(r.done)} / {formatCount(r.eligible)}
            </td>
            <td className="num">
              {r.ci ? (
                <>
                  {percentNumber(r.ci.estimate)} % ({percentNumber(r.ci.lower)}–{percentNumber(r.ci.upper)} %)
                  {r.timepoint === "month_12" && r.ci.estimate < FOLLOW_UP_TARGET && <span className="badge warn"> below 80 % target</span>}
                </>
              ) : (
                <span className="muted">no window closed yet</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
