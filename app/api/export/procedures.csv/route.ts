import { exportCsvResponse, exportFormParams } from "@/lib/http/csvExportResponse";
import { getPrincipal } from "@/lib/dal/auth/currentPrincipal";
import { todayIso } from "@/lib/outcomes/dates";

// Streamed from the database on every request; never cached or prerendered.
export const dynamic = "force-dynamic";

/** The de-identified file; a link may ask for it. */
export async function GET(request: Request): Promise<Response> {
  return exportCsvResponse(await getPrincipal(), "procedures", new URL(request.url).searchParams, todayIso(), "GET");
}

/** The identified file, from the app's own export form (proxy.ts refuses another site's POST). */
export async function POST(request: Request): Promise<Response> {
  const principal = await getPrincipal();
  const params = principal ? await exportFormParams(request) : new URLSearchParams();
  // The export form's page: a refusal is shown to a person, so it is said in words (HTML), not JSON.
  const fromBrowserForm = request.headers.get("accept")?.includes("text/html") ?? false;
  return params instanceof Response ? params : exportCsvResponse(principal, "procedures", params, todayIso(), "POST", fromBrowserForm);
}
