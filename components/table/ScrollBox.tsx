import type { ReactNode } from "react";

/**
 * The box a wide table scrolls sideways in on a narrow screen, instead of widening the page. It takes keyboard
 * focus (arrow keys then scroll it) and is named by its table's caption, so keyboard and screen-reader users reach
 * the columns a phone hides too (WCAG: a scrollable region must have keyboard access).
 */
export function ScrollBox({ labelledBy, className, children }: { labelledBy?: string; className?: string; children: ReactNode }) {
  return (
    <div
      className={className ? `table-scroll ${className}` : "table-scroll"}
      role={labelledBy ? "region" : undefined}
      aria-labelledby={labelledBy}
      tabIndex={0}
    >
      {children}
    </div>
  );
}
