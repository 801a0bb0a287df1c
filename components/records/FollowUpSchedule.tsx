import { TIMEPOINT_LABELS } from "@/lib/labels";
import { addDaysIso, displayDate } from "@/lib/outcomes/dates";
import type { FollowUpState, TimepointWindow } from "@/lib/outcomes/timepoints";
import { FOLLOW_UP_STATE_LABELS } from "@/lib/labels";

type Row = TimepointWindow & { state: FollowUpState };

/** Each scheduled timepoint with its window in calendar dates, its state in words, and the visit date when done. */
export function FollowUpSchedule({ schedule, procedureDate, doneOn }: { schedule: Row[]; procedureDate: string; doneOn: Partial<Record<string, string>> }) {
  return (
    <table className="data-table schedule-table">
      <caption>Each window is counted in days from the procedure ({displayDate(procedureDate)}).</caption>
      <thead>
        <tr>
          <th scope="col">Timepoint</th>
          <th scope="col">Window</th>
          <th scope="col" className="num">
            Days
          </th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {schedule.map((w) => (
          <tr key={w.timepoint}>
            <th scope="row">{TIMEPOINT_LABELS[w.timepoint]}</th>
            <td>
              {displayDate(addDaysIso(procedureDate, w.from))} – {displayDate(addDaysIso(procedureDate, w.to))}
            </td>
            <td className="num">
              {w.from} to {w.to}
            </td>
            <td>
              <span className={`state state-${w.state}`}>{FOLLOW_UP_STATE_LABELS[w.state]}</span>
              {w.state === "done" && doneOn[w.timepoint] && <span className="muted small"> on {displayDate(doneOn[w.timepoint]!)}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
