import type { Metadata } from "next";
import Link from "next/link";
import { TIMEPOINT_LABELS } from "@/lib/labels";
import { listFilterOptions } from "@/lib/dal/procedureList";
import { requirePrincipal } from "@/lib/dal/session";
import { getWorklist } from "@/lib/dal/worklist";
import { displayDate } from "@/lib/outcomes/dates";

export const metadata: Metadata = { title: "Worklist" };

const MAX_ROWS = 300;

export default async function WorklistPage({ searchParams }: { searchParams: Promise<{ physician?: string }> }) {
  const me = await requirePrincipal();
  const physicianParam = Number((await searchParams).physician);
  const physician = Number.isInteger(physicianParam) && physicianParam > 0 ? physicianParam : undefined;
  const [{ items, counts }, options] = await Promise.all([getWorklist(me, { physician }), listFilterOptions(me)]);
  const shown = items.slice(0, MAX_ROWS);
  const everyone = me.role !== "physician";

  return (
    <>
      <header className="page-header">
        <h1>Follow-up worklist</h1>
        <p className="muted">
          Scheduled assessments whose window is open now, most urgent first: <strong>{counts.overdue.toLocaleString("en-GB")} overdue</strong> (past the target
          day, window still open) and {counts.due.toLocaleString("en-GB")} due.
        </p>
      </header>
      {everyone && (
        <form className="filter-bar panel" method="get" action="/worklist" aria-label="Choose a physician">
          <label className="field compact">
            <span>Physician</span>
            <select name="physician" defaultValue={physician ?? ""}>
              <option value="">All physicians</option>
              {options.physicians.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <div className="filter-actions">
            <button type="submit" className="button primary">
              Show
            </button>
          </div>
        </form>
      )}
      <section className="panel">
        {items.length === 0 ? (
          <p>Nothing is due: every open follow-up window has its assessment.</p>
        ) : (
          <table className="data-table">
            <caption>
              {items.length > MAX_ROWS
                ? `The ${MAX_ROWS} most urgent of ${items.length.toLocaleString("en-GB")} open follow-ups`
                : `${items.length.toLocaleString("en-GB")} open follow-ups`}
            </caption>
            <thead>
              <tr>
                <th scope="col">State</th>
                <th scope="col">Patient</th>
                {everyone && <th scope="col">Physician</th>}
                <th scope="col">Timepoint</th>
                <th scope="col">Procedure</th>
                <th scope="col">Target day</th>
                <th scope="col">Window</th>
                <th scope="col" className="num">
                  Days left
                </th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((i) => (
                <tr key={`${i.procedureId}-${i.timepoint}`}>
                  <td>
                    <span className={`state state-${i.state}`}>{i.state === "overdue" ? "Overdue" : "Due"}</span>
                  </td>
                  <td>
                    <Link prefetch={false} href={`/patients/${i.patientId}`}>
                      {i.patientName}
                    </Link>{" "}
                    <span className="muted small">· {i.mrn}</span>
                  </td>
                  {everyone && <td>{i.physicianName}</td>}
                  <td>{TIMEPOINT_LABELS[i.timepoint]}</td>
                  <td>
                    <Link prefetch={false} href={`/procedures/${i.procedureId}`}>
                      {displayDate(i.procedureDate)}
                    </Link>
                  </td>
                  <td>{displayDate(i.nominalDate)}</td>
                  <td className="small">
                    {displayDate(i.windowOpens)} – {displayDate(i.windowCloses)}
                  </td>
                  <td className="num">{i.daysLeft}</td>
                  <td>
                    {me.role === "physician" && (
                      <Link className="button subtle-light small" href={`/procedures/${i.procedureId}/assessments/new?timepoint=${i.timepoint}`}>
                        Enter assessment
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
