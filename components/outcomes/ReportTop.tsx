import type { ComponentProps } from "react";
import { OutcomeFilterBar } from "./OutcomeFilterBar";
import { PrintButton } from "./PrintButton";

/** The top of the outcomes and quality reports: the title with its print button, then the filter bar. */
export function ReportTop({
  title,
  subtitle,
  filterBar,
  ignored,
}: {
  title: string;
  subtitle: string;
  filterBar: ComponentProps<typeof OutcomeFilterBar>;
  /** Parameters of the address that could not be read, with why; the defaults were used instead. */
  ignored: Record<string, string[]>;
}) {
  return (
    <>
      <header className="page-header with-actions">
        <div>
          <h1>{title}</h1>
          <p className="muted">{subtitle}</p>
        </div>
        <div className="actions">
          <PrintButton />
        </div>
      </header>
      <section className="panel no-print filter-panel">
        <OutcomeFilterBar {...filterBar} />
        {Object.keys(ignored).length > 0 && (
          <p className="form-error small" role="status">
            Ignored in the address:{" "}
            {Object.entries(ignored)
              .map(([k, m]) => `${k} (${m.join("; ")})`)
              .join(", ")}
            . Defaults were used instead.
          </p>
        )}
      </section>
    </>
  );
}
