/**
 * A headline figure with what it rests on: the value, its n and the definition it used in a short line
 * under it, the full definition one click away.
 */
export function MetricCard({
  label,
  value,
  detail,
  basis,
  definition,
  tone,
  wide,
}: {
  label: string;
  value: React.ReactNode;
  detail?: React.ReactNode;
  /** The n and the short definition line. */
  basis: React.ReactNode;
  /** The full definition, behind a disclosure. */
  definition?: React.ReactNode;
  tone?: "warn" | "ok" | "alert";
  wide?: boolean;
}) {
  return (
    <section className={`card metric-card${tone ? ` ${tone}` : ""}${wide ? " wide" : ""}`} aria-label={label}>
      <h2 className="card-label">{label}</h2>
      <div className="card-value">{value}</div>
      {detail && <div className="card-detail">{detail}</div>}
      <p className="card-basis">{basis}</p>
      {definition && (
        <details className="definition-popover">
          <summary>Definition</summary>
          <div>{definition}</div>
        </details>
      )}
    </section>
  );
}
