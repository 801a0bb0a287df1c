import { exportCsvResponse } from "@/lib/csv/export/response";
import { getPrincipal } from "@/lib/dal/session";

// Streamed from the database on every request; never cached or prerendered.
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return exportCsvResponse(await getPrincipal(), "complications", new URL(request.url).searchParams);
}
