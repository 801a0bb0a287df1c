import Link from "next/link";
import type { Complication } from "@/db/schema";
import { daysBetween, displayDate } from "@/lib/outcomes/dates";
import { RecordTable, type SimpleColumn } from "@/components/table/SimpleTable";
import { dash } from "./format";
import { ADJUDICATION_LABELS, COMPLICATION_OUTCOME_LABELS, COMPLICATION_TYPE_LABELS, RELATEDNESS_LABELS, labelOf, romanGrade } from "@/lib/labels";

export type ComplicationRow = Complication & { procedureDate: string; procedureLabel?: string; editable: boolean };

/** A report can be corrected by its physician until a quality officer confirms or rejects it (the DAL's rule). */
export const isCorrectable = (c: Pick<Complication, "adjudicationStatus">) => c.adjudicationStatus === "pending" || c.adjudicationStatus === "needs_info";

/**
 * Reported complications with the reporter's grade and relatedness; where the adjudicator decided otherwise,
 * their grade and relatedness are shown beside the original, which stays as reported.
 */
export function ComplicationsTable({ rows, showProcedure }: { rows: ComplicationRow[]; showProcedure?: boolean }) {
  if (rows.length === 0) return <p className="muted">No complications reported.</p>;
  const typeLabel = (c: ComplicationRow) => (c.type === "other" && c.typeOther ? `Other: ${c.typeOther}` : COMPLICATION_TYPE_LABELS[c.type]);
  const columns: SimpleColumn<ComplicationRow>[] = [
    { header: "Procedure", className: "nowrap", when: Boolean(showProcedure), cell: (c) => c.procedureLabel },
    { header: "Type", rowHeader: true, cell: typeLabel },
    {
      header: "Onset",
      className: "nowrap",
      cell: (c) => (
        <>
          {displayDate(c.onsetDate)} <span className="muted small">(day {daysBetween(c.procedureDate, c.onsetDate)})</span>
        </>
      ),
    },
    { header: "Serious", cell: (c) => (c.serious ? <strong>Serious</strong> : "No") },
    {
      header: "Grade",
      cell: (c) => (
        <>
          {romanGrade(c.grade)}
          {c.finalGrade !== null && c.finalGrade !== c.grade && <span className="muted small"> → {romanGrade(c.finalGrade)} on adjudication</span>}
        </>
      ),
    },
    {
      header: "Related to",
      cell: (c) => (
        <>
          {labelOf(RELATEDNESS_LABELS, c.relatedness)}
          {c.finalRelatedness !== null && c.finalRelatedness !== c.relatedness && (
            <span className="muted small"> → {labelOf(RELATEDNESS_LABELS, c.finalRelatedness)} on adjudication</span>
          )}
        </>
      ),
    },
    { header: "Treatment", cell: (c) => c.treatment ?? dash },
    { header: "Outcome", cell: (c) => COMPLICATION_OUTCOME_LABELS[c.outcome] },
    {
      header: "Adjudication",
      cell: (c) => (
        <>
          <span className={`adjudication adjudication-${c.adjudicationStatus}`}>{ADJUDICATION_LABELS[c.adjudicationStatus]}</span>
          {c.adjudicatedAt && <span className="muted small"> {displayDate(c.adjudicatedAt.slice(0, 10))}</span>}
          {c.adjudicationNote && <span className="adjudication-note">“{c.adjudicationNote}”</span>}
        </>
      ),
    },
    {
      header: "Actions",
      hiddenHeader: true,
      when: rows.some((r) => r.editable && isCorrectable(r)),
      cell: (c) =>
        c.editable &&
        isCorrectable(c) && (
          <Link href={`/complications/${c.id}/edit`}>
            Edit<span className="visually-hidden"> the {typeLabel(c).toLowerCase()} report</span>
          </Link>
        ),
    },
  ];
  return <RecordTable caption="Complications as reported; Clavien–Dindo grade I–V." columns={columns} rows={rows} />;
}
