import type { ReactNode } from "react";

/** A titled panel of a page: a section named by its heading, so the page's landmarks read as its headings do. */
export function Panel({ id, title, className, children }: { id: string; title: ReactNode; className?: string; children: ReactNode }) {
  return (
    <section className={className ? `panel ${className}` : "panel"} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
