import { getPrincipal } from "@/lib/dal/auth/currentPrincipal";
import { physiciansZipResponse } from "@/lib/http/reportResponse";
import { todayIso } from "@/lib/outcomes/dates";

/**
 * GET /api/reports/physicians.zip?from=YYYY-MM-DD&to=YYYY-MM-DD (plus the dashboard's filters): every physician's
 * report card, one PDF each, streamed in a zip. Quality officers and admins only.
 */
export const dynamic = "force-dynamic";
// pdfkit reads its font metrics from files: the Node runtime, never the edge.
export const runtime = "nodejs";

export async function GET(request: Request): Promise<Response> {
  return physiciansZipResponse(await getPrincipal(), new URL(request.url).searchParams, todayIso());
}
