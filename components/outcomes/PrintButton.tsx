"use client";

/** Prints the dashboard as a one-page report (see the print rules in app/globals.css, outcomes block). */
export function PrintButton() {
  return (
    <button type="button" className="button subtle-light no-print" onClick={() => window.print()}>
      Print report
    </button>
  );
}
