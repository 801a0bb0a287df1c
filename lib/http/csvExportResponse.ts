import "server-only";
import { getAuthSecret } from "@/lib/auth/secret";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/dal/errors";
import { openComplicationExport, openProcedureExport, type ExportSession } from "@/lib/dal/csv/exportCohort";
import type { Principal } from "@/lib/dal/principal";
import type { ComplicationDefinition } from "@/lib/outcomes/complicationDefinition";
import { parseOutcomeFilters } from "@/lib/outcomes/outcomeFilters";
import { definitionHeader } from "@/lib/csv/export/definition";
import { pseudonymizer } from "@/lib/csv/export/pseudonym";
import { complicationLayout, procedureLayout, type CsvLayout } from "@/lib/csv/export/records";
import { csvStream } from "@/lib/csv/export/stream";
import { readCapped } from "@/lib/http/readCsvUpload";

/**
 * The core of /api/export/procedures.csv and /api/export/complications.csv, apart from the routes so tests call
 * it with a principal. The same filter parameters as /api/v1/outcomes/summary, parsed by the same strict parser
 * (400 naming the parameter); `identified=1` with a `reason` for an identified file (quality officers and
 * administrators only). The file name and the X-Mild-Definition header carry the complication definition and
 * relief criterion the derived columns used, so the file can be reconciled with the summary API.
 *
 * The de-identified file is a GET. The identified one is a POST from the app's own export form: any web page can
 * make a signed-in browser follow a link (a GET carries the session cookie across sites), which would download
 * patients' names under the officer's name with a reason the other site wrote. A POST from another site's page
 * is refused by proxy.ts (its Origin is not this app), and the session cookie (SameSite=Lax) is not sent with it.
 */

export type ExportKind = "procedures" | "complications";

const json = (status: number, body: unknown) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * `procedures_deidentified_2026-11-25_def-serious-g1-device+procedure+anaesthesia+unknown-90d-reported_relief-nprs-2pt-30pct.csv`,
 * with `_excel` before the extension for the Excel variant.
 */
export function exportFileName(
  kind: ExportKind,
  identified: boolean,
  today: string,
  definition: ComplicationDefinition,
  reliefCriterion: string,
  excel = false,
): string {
  const window = definition.windowDays === null ? "anytime" : `${definition.windowDays}d`;
  return `${kind}_${identified ? "identified" : "deidentified"}_${today}_def-${definition.severity}-g${definition.minGrade}-${definition.related.join("+")}-${window}-${definition.adjudicated}_relief-${reliefCriterion}${excel ? "_excel" : ""}.csv`;
}

/**
 * A refusal of the identified-export form, which a browser shows as the page: said in words with the way back,
 * not as JSON (the API's callers, which ask for JSON, still get JSON).
 */
function formRefusal(status: number, message: string): Response {
  const escaped = message.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Export not made · MILD Outcomes</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem"><h1>The export was not made</h1><p role="alert">${escaped}</p><p><a href="javascript:history.back()">Go back to the form</a> (what you typed is kept).</p></body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

/** The export form is a few short fields; anything longer is not it. */
const MAX_FORM_BYTES = 64 * 1024;

/** The export form's fields (application/x-www-form-urlencoded, as an HTML form posts them), or the refusal. */
export async function exportFormParams(request: Request): Promise<URLSearchParams | Response> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") return json(415, { error: "Send the export form's fields (application/x-www-form-urlencoded)" });
  const bytes = request.body ? await readCapped(request.body, MAX_FORM_BYTES) : new Uint8Array();
  if (!bytes) return json(413, { error: "The export form is larger than expected" });
  return new URLSearchParams(new TextDecoder().decode(bytes));
}

export async function exportCsvResponse(
  principal: Principal | null,
  kind: ExportKind,
  params: URLSearchParams,
  today: string,
  method: "GET" | "POST",
  /** The request came from a browser showing the answer as a page (it accepts HTML): refusals are said in words. */
  fromBrowserForm = false,
): Promise<Response> {
  if (!principal) return json(401, { error: "Sign in required" });
  const parsed = parseOutcomeFilters(params);
  if (!parsed.success) return json(400, { error: "Some query parameters are not valid", fieldErrors: parsed.fieldErrors });
  const identifiedParam = params.get("identified");
  if (identifiedParam !== null && identifiedParam !== "0" && identifiedParam !== "1") {
    return json(400, {
      error: "Some query parameters are not valid",
      fieldErrors: { identified: ["must be 1 (identified) or 0 (de-identified, the default)"] },
    });
  }
  const format = params.get("format");
  if (format !== null && format !== "csv" && format !== "excel") {
    return json(400, {
      error: "Some query parameters are not valid",
      fieldErrors: { format: ["must be csv (plain UTF-8, the default) or excel (UTF-8 with a byte-order mark)"] },
    });
  }
  const opts = { filters: parsed.filters, identified: identifiedParam === "1", reason: params.get("reason") };
  if (opts.identified && method !== "POST") {
    return Response.json(
      { error: "An identified export is asked for with the app's export form (POST); a link (GET) gives the de-identified file" },
      { status: 405, headers: { Allow: "POST", "Cache-Control": "no-store" } },
    );
  }

  let session: ExportSession<unknown>;
  let layout: CsvLayout<unknown>;
  try {
    const ctx = { identified: opts.identified, refs: pseudonymizer(getAuthSecret()) };
    if (kind === "procedures") {
      session = (await openProcedureExport(principal, opts, today)) as ExportSession<unknown>;
      layout = procedureLayout(ctx) as CsvLayout<unknown>;
    } else {
      session = (await openComplicationExport(principal, opts)) as ExportSession<unknown>;
      layout = complicationLayout(ctx) as CsvLayout<unknown>;
    }
  } catch (error) {
    if (error instanceof ValidationError) {
      if (fromBrowserForm) return formRefusal(400, Object.values(error.fieldErrors ?? {}).flat()[0] ?? error.message);
      return json(400, { error: error.message, fieldErrors: error.fieldErrors });
    }
    if (error instanceof ForbiddenError) return json(403, { error: error.message });
    if (error instanceof NotFoundError) return json(404, { error: error.message });
    throw error;
  }

  const excel = format === "excel";
  const body = csvStream({ header: layout.header, byteOrderMark: excel, batches: session.batches(), toRecord: layout.toRecord, onEnd: session.finish });
  const fileName = exportFileName(kind, opts.identified, today, session.definition, session.reliefCriterion, excel);
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "X-Mild-Definition": definitionHeader(session.definition, session.reliefCriterion),
      "X-Mild-Export": opts.identified ? "identified" : "de-identified",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
