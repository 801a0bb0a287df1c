import { formatCount, formatRateWithCi, percentNumber } from "@/lib/format/numbers";

export type PhysicianSummaryRow = {
  id: number;
  name: string;
  site: string | null;
  procedures: number;
  complications: { events: number; ci: { estimate: number; lower: number; upper: number } | null };
  pendingReview: number;
  followUp12m: { done: number; eligible: number; ci: { estimate: number; lower: number; upper: number } | null };
};

export function PhysicianTable({ rows }: { rows: PhysicianSummaryRow[] }) {
  return (
    <table className="data-table">
      <caption>Physicians: procedures, reported complications (not rejected on adjudication) and 12-month follow-up</caption>
      <thead>
        <tr>
          <th scope="col">Physician</th>
          <th scope="col">Site</th>
          <th scope="col" className="num">
            Procedures
          </th>
          <th scope="col" className="num">
            Procedures with a complication
          </th>
          <th scope="col" className="num">
            Awaiting review
          </th>
          <th scope="col" className="num">
            12-month follow-up
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <th scope="row">{r.name}</th>
            <td>{r.site ?? "—"}</td>
            <td className="num">{formatCount(r.procedures)}</td>
            <td className="num">{r.complications.ci ? formatRateWithCi(r.complications.events, r.procedures, r.complications.ci) : "—"}</td>
            <td className="num">{formatCount(r.pendingReview)}</td>
            <td className="num">
              {r.followUp12m.ci
                ? `${formatCount(r.followUp12m.done)} / ${formatCount(r.followUp12m.eligible)} (${percentNumber(r.followUp12m.ci.estimate)} %)`
                : "—"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
