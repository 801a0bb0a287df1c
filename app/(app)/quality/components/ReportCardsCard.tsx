import { ReportCardLink } from "@/components/reports/ReportCardLink";
import type { CardProps } from "@/components/outcomes/cardProps";
import { qualityOverview } from "@/lib/dal/outcomes/quality";
import { defaultReportPeriods } from "@/lib/dal/reports/physicianReport";
import { lastTwelveMonths, reportCardHref, reportCardsZipHref } from "@/lib/reports/reportHref";
import { formatCount } from "@/lib/format/numbers";
import { siteToday } from "@/lib/dal/siteClock";

/**
 * Each physician's report card (PDF) with the page's filters, and all of them in one zip: one row per physician of
 * the funnel, the period the view's dates or the last 12 months on the physician's clinic's today (the zip: on the
 * filtered site's, else the server's).
 */
export async function ReportCardsCard({ me, filters, view }: CardProps) {
  const q = await qualityOverview(me, filters, view);
  const periodOf = await defaultReportPeriods();
  return (
    <section className="panel outcome-section" aria-labelledby="report-cards-title">
      <h2 id="report-cards-title">Report cards</h2>
      <p className="lead">
        One physician&apos;s figures for a period as a PDF (summary page, then the appendix), with these filters; de-identified, and every download is recorded
        in the audit log.
      </p>
      {q.physicians.length === 0 ? (
        <p className="too-few">No procedures match these filters.</p>
      ) : (
        <>
          <p>
            <ReportCardLink href={reportCardsZipHref(filters, view, lastTwelveMonths(await siteToday(filters.site)))} label="All physicians (zip of PDFs)" />
          </p>
          <table className="data-table compact">
            <caption className="visually-hidden">Report card of each physician</caption>
            <thead>
              <tr>
                <th scope="col">Physician</th>
                <th scope="col">Procedures</th>
                <th scope="col">Report card</th>
              </tr>
            </thead>
            <tbody>
              {q.physicians.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.name}</th>
                  <td className="num">{formatCount(p.rate.procedures)}</td>
                  <td>
                    <ReportCardLink href={reportCardHref(filters, view, p.id, periodOf(p.id))} label="Report card (PDF)" of={p.name} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
