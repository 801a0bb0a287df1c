import type { ReactNode } from "react";

/** One fact: its term and its value; `false` leaves it out (a fact only some records have). */
export type Fact = readonly [term: string, value: ReactNode] | false;

/** A record's facts as a definition list, term beside value, in the order given. */
export function Facts({ facts, className = "facts" }: { facts: Fact[]; className?: string }) {
  return (
    <dl className={className}>
      {facts
        .filter((f): f is Exclude<Fact, false> => f !== false)
        .map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
