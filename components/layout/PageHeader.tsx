import type { ReactNode } from "react";

/** A page's title, the line under it, and the page's own actions (new record, export, print) beside them. */
export function PageHeader({ title, children, actions }: { title: ReactNode; children?: ReactNode; actions?: ReactNode }) {
  const lead = children !== undefined && <p className="muted">{children}</p>;
  if (!actions)
    return (
      <header className="page-header">
        <h1>{title}</h1>
        {lead}
      </header>
    );
  return (
    <header className="page-header with-actions">
      <div>
        <h1>{title}</h1>
        {lead}
      </div>
      <div className="actions">{actions}</div>
    </header>
  );
}
