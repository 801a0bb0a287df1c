import { PageHeader } from "@/components/layout/PageHeader";
import type { Metadata } from "next";
import Link from "next/link";
import { SimpleTable, type SimpleColumn } from "@/components/table/SimpleTable";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { DATA_QUALITY_MAX_ROWS, listOutOfWindowAssessments, type OutOfWindowRow } from "@/lib/dal/records/dataQuality";
import { TIMEPOINT_LABELS } from "@/lib/labels";
import { displayDate } from "@/lib/outcomes/dates";

export const metadata: Metadata = { title: "Data quality" };

export default async function DataQualityPage() {
  const me = await requirePrincipal();
  const { rows, total } = await listOutOfWindowAssessments(me);
  const scope = me.role === "physician" ? " (your procedures)" : me.role === "coordinator" ? " (your sites' procedures)" : "";

  return (
    <>
      <PageHeader title="Data quality">
        Assessments dated outside their timepoint&apos;s window and kept on purpose, with the reason given
        {scope}. The outcome figures leave them out unless the view includes them.
      </PageHeader>
      <section className="panel" aria-labelledby="out-of-window-title">
        <h2 id="out-of-window-title">Outside the window ({total.toLocaleString("en-GB")})</h2>
        {rows.length === 0 ? (
          <p>No assessment is kept outside its timepoint&apos;s window.</p>
        ) : (
          <SimpleTable
            caption={
              total > rows.length
                ? `The ${DATA_QUALITY_MAX_ROWS} most recent of ${total.toLocaleString("en-GB")} out-of-window assessments`
                : `${total.toLocaleString("en-GB")} out-of-window ${total === 1 ? "assessment" : "assessments"}, most recent first`
            }
            columns={columns(me.role !== "physician")}
            rows={rows}
            rowKey={(r) => r.assessmentId}
          />
        )}
      </section>
    </>
  );
}

function columns(everyone: boolean): SimpleColumn<OutOfWindowRow>[] {
  return [
    {
      header: "Procedure",
      rowHeader: true,
      cell: (r) => (
        <>
          <Link prefetch={false} href={`/procedures/${r.procedureId}`}>
            {displayDate(r.procedureDate)}
          </Link>{" "}
          <span className="muted small">· {r.patientName}</span>
        </>
      ),
    },
    { header: "Physician", when: everyone, cell: (r) => r.physicianName },
    { header: "Timepoint", cell: (r) => TIMEPOINT_LABELS[r.timepoint] },
    { header: "Date", className: "nowrap", cell: (r) => displayDate(r.assessedOn) },
    { header: "Window", className: "small", cell: (r) => `${displayDate(r.window.from)} – ${displayDate(r.window.to)}` },
    { header: "Reason", cell: (r) => r.reason },
    { header: "Entered by", cell: (r) => r.enteredBy ?? "—" },
  ];
}
