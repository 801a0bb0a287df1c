import Link from "next/link";
import type { ReactNode } from "react";

type Action = { href: string; label: string; primary?: boolean };

/**
 * The header of a record's page: the way back, the record's title and a line about it, and what the record's
 * own physician can do next (`actions` only for them; one primary action at most).
 */
export function RecordHeader({
  breadcrumb,
  title,
  actions,
  children,
}: {
  breadcrumb: ReactNode;
  title: ReactNode;
  actions: Action[] | false;
  children: ReactNode;
}) {
  return (
    <header className="page-header record-header">
      <div>
        <nav aria-label="Breadcrumb" className="breadcrumb">
          {breadcrumb}
        </nav>
        <h1>{title}</h1>
        <p className="muted">{children}</p>
      </div>
      {actions && (
        <div className="record-actions">
          {actions.map((a) => (
            <Link key={a.href} className={a.primary ? "button primary" : "button secondary"} href={a.href}>
              {a.label}
            </Link>
          ))}
        </div>
      )}
    </header>
  );
}
