import { SimpleTable, type SimpleColumn } from "@/components/table/SimpleTable";
import { FOLLOW_UP_STATE_LABELS, TIMEPOINT_LABELS } from "@/lib/labels";
import { addDaysIso, displayDate } from "@/lib/outcomes/dates";
import type { FollowUpState, TimepointWindow } from "@/lib/outcomes/timepoints";

type Row = TimepointWindow & { state: FollowUpState };

/** Each scheduled timepoint with its window in calendar dates, its state in words, and the visit date when done. */
export function FollowUpSchedule({ schedule, procedureDate, doneOn }: { schedule: Row[]; procedureDate: string; doneOn: Partial<Record<string, string>> }) {
  const columns: SimpleColumn<Row>[] = [
    { header: "Timepoint", rowHeader: true, cell: (w) => TIMEPOINT_LABELS[w.timepoint] },
    { header: "Window", cell: (w) => `${displayDate(addDaysIso(procedureDate, w.from))} – ${displayDate(addDaysIso(procedureDate, w.to))}` },
    { header: "Days", num: true, cell: (w) => `${w.from} to ${w.to}` },
    {
      header: "State",
      cell: (w) => (
        <>
          <span className={`state state-${w.state}`}>{FOLLOW_UP_STATE_LABELS[w.state]}</span>
          {w.state === "done" && doneOn[w.timepoint] && <span className="muted small"> on {displayDate(doneOn[w.timepoint]!)}</span>}
        </>
      ),
    },
  ];
  return (
    <SimpleTable
      caption={`Each window is counted in days from the procedure (${displayDate(procedureDate)}).`}
      columns={columns}
      rows={schedule}
      rowKey={(w) => w.timepoint}
      className="schedule-table"
    />
  );
}
