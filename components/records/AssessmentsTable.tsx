import Link from "next/link";
import type { Assessment } from "@/db/schema";
import { TIMEPOINT_LABELS } from "@/lib/labels";
import { daysBetween, displayDate } from "@/lib/outcomes/dates";
import { dateOrDash, num } from "./format";

export type AssessmentRow = Assessment & { procedureDate: string; procedureLabel?: string; editable: boolean };

/** Every recorded assessment with its scores and units; edit links only for the procedure's own physician. */
export function AssessmentsTable({ rows, showProcedure }: { rows: AssessmentRow[]; showProcedure?: boolean }) {
  if (rows.length === 0) return <p className="muted">No assessments recorded yet.</p>;
  const anyEditable = rows.some((r) => r.editable);
  return (
    <div className="table-scroll record-scroll">
      <table className="data-table record-table">
        <caption>Assessments, oldest first. NPRS 0–10 (lower is better), ODI 0–100 % (lower is better), tolerances in minutes (higher is better).</caption>
        <thead>
          <tr>
            {showProcedure && <th scope="col">Procedure</th>}
            <th scope="col">Timepoint</th>
            <th scope="col">Date</th>
            <th scope="col" className="num">
              Day
            </th>
            <th scope="col" className="num">
              NPRS back
            </th>
            <th scope="col" className="num">
              NPRS leg
            </th>
            <th scope="col" className="num">
              ODI %
            </th>
            <th scope="col" className="num">
              Walking min
            </th>
            <th scope="col" className="num">
              Standing min
            </th>
            <th scope="col">Relief onset</th>
            {anyEditable && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              {showProcedure && <td className="nowrap">{a.procedureLabel}</td>}
              <th scope="row">{TIMEPOINT_LABELS[a.timepoint]}</th>
              <td className="nowrap">{displayDate(a.assessedOn)}</td>
              <td className="num">{daysBetween(a.procedureDate, a.assessedOn)}</td>
              <td className="num">{num(a.nprsBack)}</td>
              <td className="num">{num(a.nprsLeg)}</td>
              <td className="num">
                {num(a.odi)}
                {a.odiSections && (
                  <span className="muted small" title="Scored from the section answers">
                    {" "}
                    (sections)
                  </span>
                )}
              </td>
              <td className="num">{num(a.walkingMinutes)}</td>
              <td className="num">{num(a.standingMinutes)}</td>
              <td className="nowrap">{dateOrDash(a.reliefOnsetDate)}</td>
              {anyEditable && (
                <td>
                  {a.editable && (
                    <Link href={`/assessments/${a.id}/edit`}>
                      Edit
                      <span className="visually-hidden">
                        {" "}
                        {TIMEPOINT_LABELS[a.timepoint].toLowerCase()} assessment of {displayDate(a.assessedOn)}
                      </span>
                    </Link>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
