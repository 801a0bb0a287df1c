/** What a card looks like while its figures are computed (cards stream in one by one). */
export function CardSkeleton({ title, height = 160, cards }: { title?: string; height?: number; cards?: number }) {
  if (cards) {
    return (
      <div className="card-grid outcome-cards" aria-busy="true" aria-label="Loading figures">
        {Array.from({ length: cards }, (_, i) => (
          <div key={i} className="card skeleton-card">
            <div className="skeleton-line short" />
            <div className="skeleton-line tall" />
            <div className="skeleton-line" />
          </div>
        ))}
      </div>
    );
  }
  return (
    <section className="panel skeleton-panel" aria-busy="true" aria-label={title ? `Loading: ${title}` : "Loading"}>
      {title && <h2>{title}</h2>}
      <div className="skeleton-block" style={{ height }} />
      <p className="muted small">Computing…</p>
    </section>
  );
}
