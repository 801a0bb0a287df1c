"use client";

import Link from "next/link";
import { PatientCell } from "@/components/table/PatientCell";
import { ProcedureCell } from "@/components/table/ProcedureCell";
import { DataTable, type DataTableColumn, type ListPage } from "@/components/table/DataTable";
import { CONTACT_OUTCOME_LABELS, TIMEPOINT_LABELS } from "@/lib/labels";
import type { WorklistItem } from "@/lib/dal/records/worklist";
import { ordinal } from "@/lib/outcomes/followUpStatus";
import { displayDate } from "@/lib/outcomes/dates";

type Abilities = { canEnter: boolean; canPrintLetter: boolean };

function ContactCell({ item, canPrintLetter }: { item: WorklistItem; canPrintLetter: boolean }) {
  const invitation = item.unansweredInvitation;
  return (
    <span className="small">
      {invitation && (
        <span className="worklist-call">
          <strong>Patient reminded {invitation.reminders === 2 ? "twice" : `${invitation.reminders} times`}, no answer — call</strong>
          {canPrintLetter && (
            <>
              {" · "}
              <Link prefetch={false} href={`/procedures/${item.procedureId}/letter?key=${encodeURIComponent(invitation.key)}`}>
                Print the link letter
              </Link>
            </>
          )}
          <br />
        </span>
      )}
      {item.lastAttempt ? (
        <>
          {ordinal(item.attempts)} attempt {displayDate(item.lastAttempt.on)}: {CONTACT_OUTCOME_LABELS[item.lastAttempt.outcome].toLowerCase()}
        </>
      ) : (
        <span className="muted">none yet</span>
      )}
    </span>
  );
}

/** The worklist's columns; the ids are the sorts of lib/validation/worklist.ts (those not sortable say so). */
function worklistColumns({ canEnter, canPrintLetter }: Abilities): DataTableColumn<WorklistItem>[] {
  return [
    {
      id: "state",
      header: "State",
      accessorKey: "state",
      enableHiding: false,
      cell: ({ row }) => <span className={`state state-${row.original.state}`}>{row.original.state === "overdue" ? "Overdue" : "Due"}</span>,
    },
    {
      id: "patient",
      header: "Patient",
      accessorKey: "patientName",
      enableHiding: false,
      cell: ({ row }) => <PatientCell patient={row.original} />,
    },
    { id: "physician", header: "Physician", accessorKey: "physicianName" },
    { id: "timepoint", header: "Timepoint", accessorKey: "timepoint", cell: ({ row }) => TIMEPOINT_LABELS[row.original.timepoint] },
    {
      id: "procedure",
      header: "Procedure",
      accessorKey: "procedureDate",
      cell: ({ row }) => <ProcedureCell id={row.original.procedureId} date={row.original.procedureDate} />,
    },
    { id: "target", header: "Target day", accessorKey: "nominalDate", cell: ({ row }) => displayDate(row.original.nominalDate) },
    {
      id: "window",
      header: "Window",
      enableSorting: false,
      accessorFn: (i) => i.windowOpens,
      cell: ({ row }) => <span className="small">{`${displayDate(row.original.windowOpens)} – ${displayDate(row.original.windowCloses)}`}</span>,
    },
    { id: "daysLeft", header: "Days left", accessorKey: "daysLeft", meta: { numeric: true } },
    { id: "contact", header: "Contact", accessorKey: "attempts", cell: ({ row }) => <ContactCell item={row.original} canPrintLetter={canPrintLetter} /> },
    ...(canEnter
      ? [
          {
            id: "action",
            header: "Action",
            enableSorting: false,
            enableHiding: false,
            accessorFn: (i: WorklistItem) => i.timepoint,
            cell: ({ row }: { row: { original: WorklistItem } }) => (
              <Link className="button subtle-light small" href={`/procedures/${row.original.procedureId}/assessments/new?timepoint=${row.original.timepoint}`}>
                Enter assessment
              </Link>
            ),
          } satisfies DataTableColumn<WorklistItem>,
        ]
      : []),
  ];
}

/**
 * One page of the open follow-ups, sorted and paged by the server through the URL (the procedure list's kit). The
 * physician column for those who see more than their own procedures.
 */
export function WorklistTable({ hidePhysician, canEnter, canPrintLetter, ...list }: ListPage<WorklistItem> & Abilities & { hidePhysician: boolean }) {
  const columns = worklistColumns({ canEnter, canPrintLetter });
  const visibleColumns = hidePhysician ? columns.filter((c) => c.id !== "physician") : columns;
  return (
    <DataTable
      caption="Open follow-ups"
      columns={visibleColumns}
      emptyMessage={
        // Past the last page (a stale or hand-edited link) the list is not empty: say so, not "nothing is due".
        list.total > 0 ? "No follow-ups on this page: go back to the first page." : "Nothing is due: every open follow-up window has its assessment."
      }
      {...list}
    />
  );
}
