"use client";

import { useId, useRef, useState } from "react";
import { problemsCsv } from "@/lib/csv/import/problemsCsv";
import type { ImportReport } from "@/lib/dal/csv/importRecords";
import { SimpleTable } from "@/components/table/SimpleTable";

type Phase = { kind: "idle" } | { kind: "uploading"; mode: Mode; percent: number } | { kind: "working"; mode: Mode } | { kind: "error"; message: string };
type Mode = "dry-run" | "commit";
type Files = { procedures: File | null; complications: File | null };

const SHOWN_PROBLEMS = 500;

/** POSTs the chosen files; XMLHttpRequest rather than fetch because it reports upload progress. */
function send(mode: Mode, files: Files, onProgress: (percent: number) => void): Promise<{ status: number; body: ImportReport | { error: string } }> {
  const form = new FormData();
  if (files.procedures) form.append("procedures", files.procedures);
  if (files.complications) form.append("complications", files.complications);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/import?mode=${mode}`);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((100 * e.loaded) / e.total));
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response ?? { error: `The server answered ${xhr.status}` } });
    xhr.onerror = () => reject(new Error("The upload failed: check the connection and try again. Nothing was imported."));
    xhr.send(form);
  });
}

function problemsCsvHref(report: ImportReport): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(problemsCsv(report.problems))}`;
}

function Counts({ report, committed }: { report: ImportReport; committed: boolean }) {
  const rows = [
    ["Patients", report.counts.patients],
    ["Procedures", report.counts.procedures],
    ["Assessments", report.counts.assessments],
    ["Complications", report.counts.complications],
  ] as const;
  return (
    <table className="data-table compact">
      <caption className="visually-hidden">Records {committed ? "imported" : "the import would write"}</caption>
      <thead>
        <tr>
          <th scope="col">Records</th>
          <th scope="col" className="num">
            {committed ? "Added" : "To add"}
          </th>
          <th scope="col" className="num">
            {committed ? "Linked" : "To link"} <span className="muted small">(entered in the app, matched)</span>
          </th>
          <th scope="col" className="num">
            Already stored
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, c]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td className="num">{c.new.toLocaleString("en-GB")}</td>
            <td className="num">{c.linked.toLocaleString("en-GB")}</td>
            <td className="num">{c.unchanged.toLocaleString("en-GB")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Upload, dry run, then import. The browser keeps the chosen files, so "Import" sends exactly the files that
 * were checked (and the server checks them again). Choosing another file clears the last check.
 */
export function ImportForm() {
  const id = useId();
  const [files, setFiles] = useState<Files>({ procedures: null, complications: null });
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [report, setReport] = useState<ImportReport | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const busy = phase.kind === "uploading" || phase.kind === "working";

  const choose = (key: keyof Files) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setFiles((f) => ({ ...f, [key]: e.target.files?.[0] ?? null }));
    setReport(null);
    setPhase({ kind: "idle" });
  };

  async function run(mode: Mode) {
    setPhase({ kind: "uploading", mode, percent: 0 });
    try {
      const { body } = await send(mode, files, (percent) => setPhase(percent >= 100 ? { kind: "working", mode } : { kind: "uploading", mode, percent }));
      if ("error" in body) setPhase({ kind: "error", message: body.error });
      else {
        setReport(body);
        setPhase({ kind: "idle" });
      }
    } catch (error) {
      setPhase({ kind: "error", message: (error as Error).message });
    }
    requestAnimationFrame(() => resultRef.current?.focus());
  }

  const nothingChosen = !files.procedures && !files.complications;
  const canCommit = report?.mode === "dry-run" && report.ok && !busy;
  const totalNew = report ? Object.values(report.counts).reduce((s, c) => s + c.new + c.linked, 0) : 0;

  return (
    <div className="csv-import">
      <form
        className="form"
        aria-label="Import CSV files"
        onSubmit={(e) => {
          e.preventDefault();
          run("dry-run");
        }}
      >
        <div className="import-files">
          <label className="field" htmlFor={`${id}-procedures`}>
            <span>procedures.csv</span>
            <span className="muted small">Patients, procedures and assessments, one row per procedure</span>
            <input id={`${id}-procedures`} type="file" accept=".csv,text/csv" onChange={choose("procedures")} />
          </label>
          <label className="field" htmlFor={`${id}-complications`}>
            <span>complications.csv</span>
            <span className="muted small">One row per complication (optional)</span>
            <input id={`${id}-complications`} type="file" accept=".csv,text/csv" onChange={choose("complications")} />
          </label>
        </div>
        <div className="import-buttons">
          <button type="submit" className="button primary" disabled={busy || nothingChosen}>
            Check files (dry run)
          </button>
          <button type="button" className="button subtle-light" disabled={!canCommit} onClick={() => run("commit")}>
            {canCommit ? `Import ${totalNew.toLocaleString("en-GB")} records` : "Import"}
          </button>
          <span className="muted small" role="status" aria-live="polite">
            {phase.kind === "uploading" && `Uploading… ${phase.percent} %`}
            {phase.kind === "working" && (phase.mode === "commit" ? "Importing: checking every row again, then writing…" : "Checking every row…")}
          </span>
        </div>
      </form>

      <div ref={resultRef} tabIndex={-1} aria-live="polite">
        {phase.kind === "error" && (
          <p className="form-error" role="alert">
            {phase.message}
          </p>
        )}
        {report && (
          <section className={`csv-report ${report.ok ? "ok" : "bad"}`} aria-labelledby={`${id}-report`}>
            <h2 id={`${id}-report`}>
              {report.committed
                ? "Imported"
                : report.ok
                  ? "Ready to import: no problems found"
                  : `${report.problems.length.toLocaleString("en-GB")} problem${report.problems.length === 1 ? "" : "s"} found${report.mode === "commit" ? ": nothing was imported" : ""}`}
            </h2>
            <p className="muted small">
              {report.files.map((f) => `${f.name}: ${f.rows.toLocaleString("en-GB")} rows`).join(" · ")}
              {report.mode === "dry-run" && " · dry run, nothing written"}
            </p>
            {report.notices.map((n) => (
              <p key={n} className="small">
                {n}
              </p>
            ))}
            {(report.ok || report.committed) && <Counts report={report} committed={report.committed} />}
            {report.problems.length > 0 && (
              <>
                <p className="small">
                  Fix these in the file and check it again; the import writes all rows or none.{" "}
                  <a href={problemsCsvHref(report)} download="import-problems.csv">
                    Download the list (CSV)
                  </a>
                </p>
                <SimpleTable
                  caption="Problems by file, row and column"
                  hiddenCaption
                  className="compact csv-problems"
                  columns={[
                    { header: "File", cell: (p) => p.file },
                    { header: "Row", cell: (p) => p.row ?? "—" },
                    { header: "Column", cell: (p) => p.column || "—" },
                    { header: "Problem", cell: (p) => p.message },
                  ]}
                  rows={report.problems.slice(0, SHOWN_PROBLEMS)}
                  rowKey={(_, i) => i}
                />
                {report.problems.length > SHOWN_PROBLEMS && <p className="muted small">The first {SHOWN_PROBLEMS} are shown; the download has all of them.</p>}
              </>
            )}
          </section>
        )}
      </div>
    </div>
  );
}
