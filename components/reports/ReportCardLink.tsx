import { displayDate } from "@/lib/outcomes/dates";

/** A download link to a report card (or the zip of them), with the period it covers read from its own parameters. */
export function ReportCardLink({
  href,
  label,
  of,
}: {
  href: string;
  label: string;
  /** Whose card, for a screen reader when a list holds several. */ of?: string;
}) {
  const params = new URLSearchParams(href.slice(href.indexOf("?") + 1));
  const period = `${displayDate(params.get("from")!)} to ${displayDate(params.get("to")!)}`;
  return (
    <span className="report-card-link">
      <a className="button subtle-light" href={href} download aria-label={of ? `${label}: ${of}, ${period}` : undefined}>
        {label}
      </a>{" "}
      <span className="muted small">{period}</span>
    </span>
  );
}
