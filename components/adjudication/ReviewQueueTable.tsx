"use client";

import Link from "next/link";
import { ProcedureCell } from "@/components/table/ProcedureCell";
import { ADJUDICATION_LABELS, COMPLICATION_TYPE_LABELS, RELATEDNESS_LABELS, romanGrade } from "@/lib/labels";
import { DataTable, type DataTableColumn, type ListPage } from "@/components/table/DataTable";
import type { ReviewQueueRow } from "@/lib/dal/records/reviewQueue";
import { displayDate } from "@/lib/outcomes/dates";

const ageText = (days: number) => (days === 0 ? "today" : days === 1 ? "1 day ago" : `${days.toLocaleString("en-GB")} days ago`);

const columns: DataTableColumn<ReviewQueueRow>[] = [
  {
    id: "reported",
    header: "Reported",
    accessorKey: "reportedAt",
    cell: ({ row }) => {
      const open = row.original.status === "pending" || row.original.status === "needs_info";
      return (
        <>
          {displayDate(row.original.reportedAt.slice(0, 10))}
          <span className="muted small"> · {ageText(row.original.ageDays)}</span>
          {open && row.original.ageDays >= 30 && <span className="badge warn">waiting 30+ days</span>}
        </>
      );
    },
    enableHiding: false,
  },
  {
    id: "type",
    header: "Complication",
    accessorKey: "type",
    cell: ({ row }) => (
      <Link prefetch={false} href={`/quality/review/${row.original.id}`}>
        {row.original.type === "other" && row.original.typeOther ? `Other: ${row.original.typeOther}` : COMPLICATION_TYPE_LABELS[row.original.type]}
      </Link>
    ),
    enableHiding: false,
  },
  {
    id: "grade",
    header: "Grade (reported)",
    accessorKey: "grade",
    cell: ({ row }) => (
      <>
        {romanGrade(row.original.grade)}
        {row.original.serious && <span className="badge warn">serious</span>}
        {row.original.finalGrade !== null && row.original.finalGrade !== row.original.grade && (
          <span className="muted small"> → {romanGrade(row.original.finalGrade)}</span>
        )}
      </>
    ),
  },
  {
    id: "relatedness",
    header: "Related to (reported)",
    accessorKey: "relatedness",
    enableSorting: false,
    cell: ({ row }) => RELATEDNESS_LABELS[row.original.relatedness],
  },
  { id: "onset", header: "Onset", accessorKey: "onsetDate", cell: ({ row }) => displayDate(row.original.onsetDate) },
  { id: "physician", header: "Physician", accessorKey: "physicianName" },
  {
    id: "procedure",
    header: "Procedure",
    accessorKey: "procedureDate",
    enableSorting: false,
    cell: ({ row }) => <ProcedureCell id={row.original.procedureId} date={row.original.procedureDate} />,
  },
  {
    id: "status",
    header: "Status",
    accessorKey: "status",
    cell: ({ row }) => <span className={`adjudication adjudication-${row.original.status}`}>{ADJUDICATION_LABELS[row.original.status]}</span>,
  },
];

export function ReviewQueueTable(list: ListPage<ReviewQueueRow>) {
  return <DataTable caption="Reported complications to review" columns={columns} emptyMessage="No reports match these filters." {...list} />;
}
