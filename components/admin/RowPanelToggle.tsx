import Link from "next/link";
import type { ReactNode } from "react";
import type { SimpleColumn } from "@/components/table/SimpleTable";

/**
 * The link that opens or closes a table row's admin panel. It works without JavaScript: the open panel is in the
 * URL (`?manage=…`), and closing returns to the row's anchor. `subject` names the row for screen readers.
 */
export function RowPanelToggle({
  open,
  openHref,
  closeHref,
  panelId,
  verb,
  subject,
}: {
  open: boolean;
  openHref: string;
  closeHref: string;
  panelId: string;
  verb: string;
  subject: string;
}) {
  return open ? (
    <Link href={closeHref} aria-controls={panelId} aria-expanded="true">
      Close<span className="visually-hidden"> {subject}</span>
    </Link>
  ) : (
    <Link href={openHref} aria-expanded="false">
      {verb}
      <span className="visually-hidden"> {subject}</span>
    </Link>
  );
}

/**
 * The last column of an admin table: each row's panel toggle. The open panel is `?<param>=<id>` on `path` with the
 * anchor `<param>-<id>`; closing returns to the row's own anchor, `<rowAnchor>-<id>`.
 */
export function panelToggleColumn<T extends { id: number }>(o: {
  path: string;
  param: string;
  rowAnchor: string;
  verb: string;
  openId: number | null;
  subject: (row: T) => string;
}): SimpleColumn<T> {
  return {
    header: "Actions",
    hiddenHeader: true,
    cell: (r) => (
      <RowPanelToggle
        open={r.id === o.openId}
        openHref={`${o.path}?${o.param}=${r.id}#${o.param}-${r.id}`}
        closeHref={`${o.path}#${o.rowAnchor}-${r.id}`}
        panelId={`${o.param}-${r.id}`}
        verb={o.verb}
        subject={o.subject(r)}
      />
    ),
  };
}

/** The open panel under a table row: one cell across the table's columns. */
export function RowPanel({ id, label, columns, narrow, children }: { id: string; label: string; columns: number; narrow?: boolean; children: ReactNode }) {
  return (
    <tr className="admin-manage-row">
      <td colSpan={columns}>
        <section id={id} className={narrow ? "admin-manage admin-manage-narrow" : "admin-manage"} aria-label={label}>
          {children}
        </section>
      </td>
    </tr>
  );
}
