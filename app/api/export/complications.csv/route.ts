import { exportCsvResponse } from "@/lib/http/csvExportResponse";
import { getPrincipal } from "@/lib/dal/auth/currentPrincipal";

// Streamed from the database on every request; never cached or prerendered.
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return exportCsvResponse(await getPrincipal(), "complications", new URL(request.url).searchParams);
}
