import { exportHref } from "@/lib/csv/export/links";

/**
 * "Export this view (CSV)": the de-identified files of exactly the filters on screen, for everyone (links); for
 * quality officers and administrators also the identified files, which ask for a reason (recorded in the audit
 * log) and are posted from this form: the server gives an identified file to no link (see lib/csv/export/response.ts).
 */
export function ExportLinks({
  params,
  ignored = [],
  canIdentify,
  labels = ["Export this view (CSV)", "Its complications (CSV)"],
}: {
  params: URLSearchParams;
  ignored?: string[];
  canIdentify: boolean;
  labels?: [procedures: string, complications: string];
}) {
  const hidden = [...params.entries()];
  const excel = new URLSearchParams(params);
  excel.set("format", "excel");
  return (
    <div className="csv-export">
      <a className="button subtle-light" href={exportHref("procedures", params)} download>
        {labels[0]}
      </a>
      <a className="button subtle-light" href={exportHref("complications", params)} download>
        {labels[1]}
      </a>
      <p className="muted small csv-excel">
        For Excel on Windows (keeps accents such as “Zoë”):{" "}
        <a href={exportHref("procedures", excel)} download>
          procedures
        </a>{" "}
        ·{" "}
        <a href={exportHref("complications", excel)} download>
          complications
        </a>
      </p>
      {canIdentify && (
        <details className="csv-identified">
          <summary>Identified export…</summary>
          <form method="post" action={exportHref("procedures")} className="csv-identified-form">
            {hidden.map(([k, v]) => (
              <input key={k} type="hidden" name={k} value={v} />
            ))}
            <input type="hidden" name="identified" value="1" />
            <label className="field compact">
              <span>Reason (recorded in the audit log)</span>
              {/* At least one visible character: a reason of spaces is refused here, before the file is asked for. */}
              <input
                type="text"
                name="reason"
                required
                pattern=".*\S.*"
                title="Write the reason in words (spaces alone are not a reason)"
                maxLength={500}
                placeholder="e.g. registry submission"
              />
            </label>
            <label className="check small">
              <input type="checkbox" name="format" value="excel" /> For Excel on Windows (UTF-8 with a byte-order mark)
            </label>
            <div className="filter-actions">
              <button type="submit" className="button primary small">
                Procedures
              </button>
              <button type="submit" className="button subtle-light small" formAction={exportHref("complications")}>
                Complications
              </button>
            </div>
            <p className="muted small">Names, MRNs, dates and free text included. Only for a documented purpose.</p>
          </form>
        </details>
      )}
      {ignored.length > 0 && <p className="muted small csv-ignored">The export applies every filter except: {ignored.join(", ")}.</p>}
    </div>
  );
}
