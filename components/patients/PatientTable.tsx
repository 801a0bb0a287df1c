"use client";

import Link from "next/link";
import { DataTable, type DataTableColumn, type ListPage } from "@/components/table/DataTable";
import { DIAGNOSIS_LABELS, labelOf } from "@/lib/labels";
import { displayDate } from "@/lib/outcomes/dates";

export type PatientRow = {
  id: number;
  mrn: string;
  name: string;
  dateOfBirth: string;
  sex: string;
  diagnosis: string;
  siteName: string;
  procedures: number;
  lastProcedure: string | null;
};

const columns: DataTableColumn<PatientRow>[] = [
  {
    id: "name",
    header: "Patient",
    accessorKey: "name",
    enableHiding: false,
    cell: ({ row }) => (
      <Link prefetch={false} href={`/patients/${row.original.id}`}>
        {row.original.name}
      </Link>
    ),
  },
  { id: "mrn", header: "MRN", accessorKey: "mrn" },
  { id: "dob", header: "Date of birth", accessorKey: "dateOfBirth", cell: ({ row }) => displayDate(row.original.dateOfBirth) },
  { id: "site", header: "Site", accessorKey: "siteName" },
  {
    id: "diagnosis",
    header: "Diagnosis",
    accessorKey: "diagnosis",
    cell: ({ row }) => labelOf(DIAGNOSIS_LABELS, row.original.diagnosis),
  },
  { id: "procedures", header: "Procedures", accessorKey: "procedures", meta: { numeric: true } },
  {
    id: "last",
    header: "Last procedure",
    accessorKey: "lastProcedure",
    cell: ({ row }) => (row.original.lastProcedure ? displayDate(row.original.lastProcedure) : "—"),
  },
];

export function PatientTable(list: ListPage<PatientRow>) {
  return <DataTable caption="Patients" columns={columns} emptyMessage="No patients match." {...list} />;
}
