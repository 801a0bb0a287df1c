import Link from "next/link";
import type { Complication } from "@/db/schema";
import { daysBetween, displayDate } from "@/lib/outcomes/dates";
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
  const anyEditable = rows.some((r) => r.editable && isCorrectable(r));
  return (
    <div className="table-scroll record-scroll">
      <table className="data-table record-table">
        <caption>Complications as reported; Clavien–Dindo grade I–V.</caption>
        <thead>
          <tr>
            {showProcedure && <th scope="col">Procedure</th>}
            <th scope="col">Type</th>
            <th scope="col">Onset</th>
            <th scope="col">Serious</th>
            <th scope="col">Grade</th>
            <th scope="col">Related to</th>
            <th scope="col">Treatment</th>
            <th scope="col">Outcome</th>
            <th scope="col">Adjudication</th>
            {anyEditable && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => {
            const typeLabel = c.type === "other" && c.typeOther ? `Other: ${c.typeOther}` : COMPLICATION_TYPE_LABELS[c.type];
            const regraded = c.finalGrade !== null && c.finalGrade !== c.grade;
            const reattributed = c.finalRelatedness !== null && c.finalRelatedness !== c.relatedness;
            return (
              <tr key={c.id}>
                {showProcedure && <td className="nowrap">{c.procedureLabel}</td>}
                <th scope="row">{typeLabel}</th>
                <td className="nowrap">
                  {displayDate(c.onsetDate)} <span className="muted small">(day {daysBetween(c.procedureDate, c.onsetDate)})</span>
                </td>
                <td>{c.serious ? <strong>Serious</strong> : "No"}</td>
                <td>
                  {romanGrade(c.grade)}
                  {regraded && <span className="muted small"> → {romanGrade(c.finalGrade)} on adjudication</span>}
                </td>
                <td>
                  {labelOf(RELATEDNESS_LABELS, c.relatedness)}
                  {reattributed && <span className="muted small"> → {labelOf(RELATEDNESS_LABELS, c.finalRelatedness)} on adjudication</span>}
                </td>
                <td>{c.treatment ?? dash}</td>
                <td>{COMPLICATION_OUTCOME_LABELS[c.outcome]}</td>
                <td>
                  <span className={`adjudication adjudication-${c.adjudicationStatus}`}>{ADJUDICATION_LABELS[c.adjudicationStatus]}</span>
                  {c.adjudicatedAt && <span className="muted small"> {displayDate(c.adjudicatedAt.slice(0, 10))}</span>}
                  {c.adjudicationNote && <span className="adjudication-note">“{c.adjudicationNote}”</span>}
                </td>
                {anyEditable && (
                  <td>
                    {c.editable && isCorrectable(c) && (
                      <Link href={`/complications/${c.id}/edit`}>
                        Edit<span className="visually-hidden"> the {typeLabel.toLowerCase()} report</span>
                      </Link>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
