import "server-only";
import { getPrincipal } from "@/lib/dal/auth/currentPrincipal";
import { todayIso } from "@/lib/outcomes/dates";
import { exportCsvResponse, exportFormParams, type ExportKind } from "./csvExportResponse";

/** The two route handlers of a CSV export (app/api/export/<kind>.csv/route.ts): the same for each kind of file. */
export function exportRouteHandlers(kind: ExportKind) {
  return {
    /** The de-identified file; a link may ask for it. */
    async GET(request: Request): Promise<Response> {
      return exportCsvResponse(await getPrincipal(), kind, new URL(request.url).searchParams, todayIso(), "GET");
    },
    /** The identified file, from the app's own export form (proxy.ts refuses another site's POST). */
    async POST(request: Request): Promise<Response> {
      const principal = await getPrincipal();
      const params = principal ? await exportFormParams(request) : new URLSearchParams();
      // The export form's page: a refusal is shown to a person, so it is said in words (HTML), not JSON.
      const fromBrowserForm = request.headers.get("accept")?.includes("text/html") ?? false;
      return params instanceof Response ? params : exportCsvResponse(principal, kind, params, todayIso(), "POST", fromBrowserForm);
    },
  };
}
