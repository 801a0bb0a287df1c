import { getPrincipal } from "@/lib/dal/auth/currentPrincipal";
import { physicianReportResponse } from "@/lib/http/reportResponse";
import { todayIso } from "@/lib/outcomes/dates";

/**
 * GET /api/reports/physician.pdf?physician=ID&from=YYYY-MM-DD&to=YYYY-MM-DD (plus the dashboard's filters): one
 * physician's report card. The work is in lib/http/reportResponse.ts; this stays thin.
 */
export const dynamic = "force-dynamic";
// pdfkit reads its font metrics from files: the Node runtime, never the edge.
export const runtime = "nodejs";

export async function GET(request: Request): Promise<Response> {
  return physicianReportResponse(await getPrincipal(), new URL(request.url).searchParams, todayIso());
}
