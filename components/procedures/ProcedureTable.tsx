"use client";

import { PatientCell } from "@/components/table/PatientCell";
import { ProcedureCell } from "@/components/table/ProcedureCell";
import { DataTable, type DataTableColumn, type ListPage } from "@/components/table/DataTable";
import { DIAGNOSIS_LABELS, FOLLOW_UP_STATE_LABELS, labelOf, TIMEPOINT_LABELS } from "@/lib/labels";
import type { ProcedureListRow } from "@/lib/dal/records/procedureList";

const columns: DataTableColumn<ProcedureListRow>[] = [
  {
    id: "date",
    header: "Date",
    accessorKey: "procedureDate",
    cell: ({ row }) => <ProcedureCell id={row.original.id} date={row.original.procedureDate} />,
    enableHiding: false,
  },
  {
    id: "patient",
    header: "Patient",
    accessorKey: "patientName",
    cell: ({ row }) => <PatientCell patient={row.original} />,
  },
  { id: "physician", header: "Physician", accessorKey: "physicianName" },
  { id: "site", header: "Site", accessorKey: "siteName" },
  { id: "levels", header: "Levels", accessorKey: "levels", enableSorting: false, cell: ({ row }) => row.original.levels.replaceAll(",", ", ") },
  {
    id: "diagnosis",
    header: "Diagnosis",
    accessorKey: "diagnosis",
    enableSorting: false,
    cell: ({ row }) => labelOf(DIAGNOSIS_LABELS, row.original.diagnosis),
  },
  {
    id: "flag",
    header: "Prior treatment",
    accessorKey: "priorTreatmentFlag",
    enableSorting: false,
    cell: ({ row }) => (row.original.priorTreatmentFlag ? <span className="badge warn">flagged (≤ 12 months)</span> : <span className="muted">—</span>),
  },
  { id: "complications", header: "Complications", accessorKey: "complicationCount", meta: { numeric: true } },
  {
    id: "followUp",
    header: "Follow-up",
    enableSorting: false,
    accessorFn: (r) => r.followUp?.state ?? "",
    cell: ({ row }) => {
      const f = row.original.followUp;
      if (!f) return <span className="muted">up to date</span>;
      return (
        <span className={`state state-${f.state}`}>
          {TIMEPOINT_LABELS[f.timepoint]} {FOLLOW_UP_STATE_LABELS[f.state].toLowerCase()}
          {row.original.missedCount > 0 && f.state !== "missed" && <span className="muted small"> · {row.original.missedCount} missed</span>}
        </span>
      );
    },
  },
];

export function ProcedureTable({ hidePhysician, ...list }: ListPage<ProcedureListRow> & { hidePhysician: boolean }) {
  const visibleColumns = hidePhysician ? columns.filter((c) => c.id !== "physician") : columns;
  return <DataTable caption="Procedures" columns={visibleColumns} emptyMessage="No procedures match these filters." {...list} />;
}
