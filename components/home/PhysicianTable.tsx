import { SimpleTable, type SimpleColumn } from "@/components/table/SimpleTable";
import { formatCount, formatRateWithCi, percentNumber } from "@/lib/format/numbers";

export type PhysicianSummaryRow = {
  id: number;
  name: string;
  site: string | null;
  procedures: number;
  complications: { events: number; ci: { estimate: number; lower: number; upper: number } | null };
  anyGrade: { events: number; ci: { estimate: number; lower: number; upper: number } | null };
  pendingReview: number;
  followUp12m: { done: number; eligible: number; ci: { estimate: number; lower: number; upper: number } | null };
};

/** `definition` is the sentence of the serious-related column, `allGradeDefinition` of the all-grade one. */
export function PhysicianTable({ rows, definition, allGradeDefinition }: { rows: PhysicianSummaryRow[]; definition: string; allGradeDefinition: string }) {
  return (
    <>
      <SimpleTable caption={CAPTION} columns={PHYSICIAN_COLUMNS} rows={rows} rowKey={(r) => r.id} />
      <p className="definition-line">
        Serious related: {definition}. All grades: {allGradeDefinition}.
      </p>
    </>
  );
}

const CAPTION = "Physicians: procedures, complications (serious related, and all grades) and 12-month follow-up";

const PHYSICIAN_COLUMNS: SimpleColumn<PhysicianSummaryRow>[] = [
  { header: "Physician", rowHeader: true, cell: (r) => r.name },
  { header: "Site", cell: (r) => r.site ?? "—" },
  { header: "Procedures", num: true, cell: (r) => formatCount(r.procedures) },
  {
    header: "Serious related complications",
    num: true,
    cell: (r) => (r.complications.ci ? formatRateWithCi(r.complications.events, r.procedures, r.complications.ci) : "—"),
  },
  {
    header: "Complications, all grades",
    num: true,
    cell: (r) => (r.anyGrade.ci ? formatRateWithCi(r.anyGrade.events, r.procedures, r.anyGrade.ci) : "—"),
  },
  { header: "Awaiting review", num: true, cell: (r) => formatCount(r.pendingReview) },
  {
    header: "12-month follow-up",
    num: true,
    cell: (r) =>
      r.followUp12m.ci ? `${formatCount(r.followUp12m.done)} / ${formatCount(r.followUp12m.eligible)} (${percentNumber(r.followUp12m.ci.estimate)} %)` : "—",
  },
];
