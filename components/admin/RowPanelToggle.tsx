import Link from "next/link";

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
