import Link from "next/link";
import { RecordTable, type SimpleColumn } from "@/components/table/SimpleTable";
import type { Assessment } from "@/db/schema";
import { ASSESSMENT_SOURCE_LABELS, TIMEPOINT_LABELS } from "@/lib/labels";
import { daysBetween, displayDate } from "@/lib/outcomes/dates";
import { dateOrDash, num } from "./format";

export type AssessmentRow = Assessment & { procedureDate: string; procedureLabel?: string; editable: boolean };

const score = (header: string, value: (a: AssessmentRow) => number | null): SimpleColumn<AssessmentRow> => ({ header, num: true, cell: (a) => num(value(a)) });

/** Who entered it; for a patient's answers corrected by staff, the reason and the patient's original values. */
function SourceCell({ a }: { a: AssessmentRow }) {
  if (!a.patientOriginal) return <>{ASSESSMENT_SOURCE_LABELS[a.source]}</>;
  let original: Record<string, unknown> = {};
  try {
    original = JSON.parse(a.patientOriginal) as Record<string, unknown>;
  } catch {
    original = {};
  }
  const shown = (k: string) => (original[k] === null || original[k] === undefined ? "–" : String(original[k]));
  return (
    <>
      {ASSESSMENT_SOURCE_LABELS[a.source]}, corrected: {a.correctionReason}
      <br />
      <span className="muted small">
        Patient’s original: back {shown("nprsBack")}, leg {shown("nprsLeg")}, ODI {shown("odi")}, walking {shown("walkingMinutes")}, standing{" "}
        {shown("standingMinutes")}
      </span>
    </>
  );
}

/** Every recorded assessment with its scores and units; edit links only for the procedure's own physician. */
export function AssessmentsTable({ rows, showProcedure }: { rows: AssessmentRow[]; showProcedure?: boolean }) {
  if (rows.length === 0) return <p className="muted">No assessments recorded yet.</p>;
  const columns: SimpleColumn<AssessmentRow>[] = [
    { header: "Procedure", className: "nowrap", when: Boolean(showProcedure), cell: (a) => a.procedureLabel },
    { header: "Timepoint", rowHeader: true, cell: (a) => TIMEPOINT_LABELS[a.timepoint] },
    {
      header: "Date",
      className: "nowrap",
      cell: (a) => (
        <>
          {displayDate(a.assessedOn)}
          {a.outOfWindow && (
            <>
              {" "}
              <span className="badge warn" title={`Kept outside its window: ${a.outOfWindowReason ?? ""}`}>
                outside window
              </span>
            </>
          )}
        </>
      ),
    },
    { header: "Day", num: true, cell: (a) => daysBetween(a.procedureDate, a.assessedOn) },
    score("NPRS back", (a) => a.nprsBack),
    score("NPRS leg", (a) => a.nprsLeg),
    {
      header: "ODI %",
      num: true,
      cell: (a) => (
        <>
          {num(a.odi)}
          {a.odiSections && (
            <span className="muted small" title="Scored from the section answers">
              {" "}
              (sections)
            </span>
          )}
        </>
      ),
    },
    score("Walking min", (a) => a.walkingMinutes),
    score("Standing min", (a) => a.standingMinutes),
    { header: "Relief onset", className: "nowrap", cell: (a) => dateOrDash(a.reliefOnsetDate) },
    { header: "Source", cell: (a) => <SourceCell a={a} /> },
    {
      header: "Actions",
      hiddenHeader: true,
      when: rows.some((r) => r.editable),
      cell: (a) =>
        a.editable && (
          <Link href={`/assessments/${a.id}/edit`}>
            Edit
            <span className="visually-hidden">
              {" "}
              {TIMEPOINT_LABELS[a.timepoint].toLowerCase()} assessment of {displayDate(a.assessedOn)}
            </span>
          </Link>
        ),
    },
  ];
  const caption = "Assessments, oldest first. NPRS 0–10 (lower is better), ODI 0–100 % (lower is better), tolerances in minutes (higher is better).";
  return <RecordTable caption={caption} columns={columns} rows={rows} />;
}
