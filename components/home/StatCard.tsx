export function StatCard({ label, value, detail, tone }: { label: string; value: string; detail?: React.ReactNode; tone?: "warn" | "ok" }) {
  return (
    <section className={`card stat-card${tone ? ` ${tone}` : ""}`} aria-label={label}>
      <h2 className="card-label">{label}</h2>
      <p className="card-value">{value}</p>
      {detail && <p className="card-detail">{detail}</p>}
    </section>
  );
}
