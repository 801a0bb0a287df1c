"use client";

/** Prints the dashboard as a one-page report (see the print rules in app/styles/charts.css). */
export function PrintButton() {
  return (
    <button type="button" className="button subtle-light no-print" onClick={() => window.print()}>
      Print report
    </button>
  );
}
