"use client";

import Link from "next/link";
import { displayTimestamp } from "@/components/records/format";
import { DataTable, type DataTableColumn, type ListPage } from "@/components/table/DataTable";
import type { AuditLogEntry } from "@/lib/dal/audit/auditLog";
import { AUDIT_PAGE_SIZES } from "@/lib/validation/auditLog";
import { AuditDiff } from "./AuditDiff";

function entityHref(entity: string, id: string | null, canReview: boolean): string | null {
  if (!id) return null;
  if (entity === "patient") return `/patients/${id}`;
  if (entity === "procedure") return `/procedures/${id}`;
  if (entity === "complication" && canReview) return `/quality/review/${id}`;
  return null;
}

export function AuditTable({ canReview, userNames, ...list }: ListPage<AuditLogEntry> & { canReview: boolean; userNames: Record<string, string> }) {
  const columns: DataTableColumn<AuditLogEntry>[] = [
    {
      id: "at",
      header: "When (UTC)",
      accessorKey: "at",
      enableHiding: false,
      cell: ({ row }) => <time dateTime={row.original.at}>{displayTimestamp(row.original.at)}</time>,
    },
    {
      id: "user",
      header: "User",
      accessorKey: "userEmail",
      enableSorting: false,
      cell: ({ row }) =>
        row.original.userEmail === null ? (
          <span className="muted">no signed-in user</span>
        ) : (
          <>
            {row.original.userEmail}
            {row.original.onBehalfOfEmail && <span className="muted small audit-on-behalf"> on behalf of {row.original.onBehalfOfEmail}</span>}
          </>
        ),
    },
    {
      id: "action",
      header: "Action",
      accessorKey: "action",
      enableSorting: false,
      cell: ({ row }) => <span className="audit-action">{row.original.action}</span>,
    },
    {
      id: "entity",
      header: "Record",
      accessorKey: "entity",
      enableSorting: false,
      cell: ({ row }) => {
        const { entity, entityId } = row.original;
        const href = entityHref(entity, entityId, canReview);
        const text = entityId ? `${entity} ${entityId}` : entity;
        return href ? (
          <Link prefetch={false} href={href}>
            {text}
          </Link>
        ) : (
          text
        );
      },
    },
    {
      id: "changes",
      header: "Before → after",
      enableSorting: false,
      cell: ({ row }) => (
        <div className="audit-diff-cell">
          <AuditDiff before={row.original.before} after={row.original.after} userNames={userNames} />
        </div>
      ),
    },
    { id: "id", header: "Entry", accessorKey: "id", enableSorting: false, meta: { numeric: true }, cell: ({ row }) => `#${row.original.id}` },
  ];
  return (
    <DataTable caption="Audit log entries" columns={columns} pageSizes={AUDIT_PAGE_SIZES} emptyMessage="No audit entries match these filters." {...list} />
  );
}
