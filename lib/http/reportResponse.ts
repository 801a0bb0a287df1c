import "server-only";
import { Readable } from "node:stream";
import { ZipFile } from "yazl";
import { adjustedComparison } from "@/lib/dal/outcomes/adjusted";
import { requireQuality } from "@/lib/dal/outcomes/quality";
import { NotFoundError } from "@/lib/dal/errors";
import type { Principal } from "@/lib/dal/principal";
import { auditReport, parseReportRequest, physicianReport, reportPhysicians, type ReportRequest } from "@/lib/dal/reports/physicianReport";
import { physicianReportPdf, physicianReportPdfBytes } from "@/lib/reports/physicianPdf";

/**
 * The cores of GET /api/reports/physician.pdf and GET /api/reports/physicians.zip, apart from the routes so tests call
 * them with a principal. The dashboard's filter parameters, parsed by the summary API's strict parser (400 naming the
 * parameter), plus a required period. Who may: as the summary API for one physician (a physician only their own,
 * anyone else's id answering the same 404; coordinators 404); the zip, quality officers and admins only.
 */

const json = (status: number, body: unknown) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

const PDF_HEADERS = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

/** `report-card_A-Patel-7_2025-12-01_2026-11-30.pdf`: the name in ASCII, the id so two equal names never collide. */
export function reportFileName(physician: { id: number; name: string }, from: string, to: string): string {
  const slug = physician.name
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `report-card_${slug || "physician"}-${physician.id}_${from}_${to}.pdf`;
}

function parse(params: URLSearchParams, needsPhysician: boolean): ReportRequest | Response {
  const parsed = parseReportRequest(params, needsPhysician);
  if (!parsed.success) return json(400, { error: "Some query parameters are not valid", fieldErrors: parsed.fieldErrors });
  return parsed.request;
}

export async function physicianReportResponse(principal: Principal | null, params: URLSearchParams, today: string): Promise<Response> {
  if (!principal) return json(401, { error: "Sign in required" });
  const request = parse(params, true);
  if (request instanceof Response) return request;
  let bytes: Buffer;
  let fileName: string;
  try {
    const report = await physicianReport(principal, request, today);
    bytes = await physicianReportPdfBytes(report);
    fileName = reportFileName(report.physician, report.from, report.to);
  } catch (e) {
    if (e instanceof NotFoundError) return json(404, { error: e.message });
    throw e;
  }
  await auditReport(principal, { file: "physician.pdf", physician: request.filters.physician! }, request);
  return new Response(new Uint8Array(bytes), {
    status: 200,
    headers: { ...PDF_HEADERS, "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${fileName}"` },
  });
}

/**
 * One PDF per physician with procedures in the view, streamed into the zip as each is drawn. The adjusted comparison
 * (the slow part at scale) is fitted once for all of them; the audit row is written once, when the zip is complete
 * (or abandoned), with the count.
 */
export async function physiciansZipResponse(principal: Principal | null, params: URLSearchParams, today: string): Promise<Response> {
  if (!principal) return json(401, { error: "Sign in required" });
  try {
    requireQuality(principal);
  } catch (e) {
    if (e instanceof NotFoundError) return json(404, { error: e.message });
    throw e;
  }
  const request = parse(params, false);
  if (request instanceof Response) return request;
  let physicians: { id: number; name: string }[];
  try {
    physicians = await reportPhysicians(principal, request, today);
  } catch (e) {
    if (e instanceof NotFoundError) return json(404, { error: e.message });
    throw e;
  }
  const zip = new ZipFile();
  const fill = async () => {
    let added = 0;
    try {
      const all = await adjustedComparison(principal, { ...request.filters, physician: undefined }, request.view.mcid, today);
      for (const p of physicians) {
        const report = await physicianReport(principal, { ...request, filters: { ...request.filters, physician: p.id } }, today, all);
        // The pdfkit document is itself the entry's stream: each card is drawn straight into the zip.
        zip.addReadStream(physicianReportPdf(report), reportFileName(p, request.filters.from!, request.filters.to!));
        added++;
      }
      await auditReport(principal, { file: "physicians.zip", physicians: added, completed: true }, request);
      zip.end();
    } catch (e) {
      await auditReport(principal, { file: "physicians.zip", physicians: added, completed: false }, request).catch(() => undefined);
      (zip.outputStream as Readable).destroy(e as Error);
    }
  };
  void fill();
  const name = `report-cards_${request.filters.from}_${request.filters.to}.zip`;
  return new Response(Readable.toWeb(zip.outputStream as Readable) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: { ...PDF_HEADERS, "Content-Type": "application/zip", "Content-Disposition": `attachment; filename="${name}"` },
  });
}
