import "server-only";
import { ForbiddenError } from "@/lib/dal/errors";
import { canImport, commitImport, dryRunImport } from "@/lib/dal/csv/importRecords";
import type { Principal } from "@/lib/dal/principal";
import type { Clock } from "@/lib/outcomes/dates";
import { readUpload } from "./readCsvUpload";

/**
 * The core of POST /api/import?mode=dry-run|commit, apart from the route so tests call it with a principal.
 * The client keeps the chosen files and sends them twice: once to check, once to import. The commit checks
 * everything again, so a file changed in between cannot slip through.
 */
export async function importResponse(principal: Principal | null, request: Request, clock: Clock = new Date()): Promise<Response> {
  const json = (status: number, body: unknown) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
  if (!principal) return json(401, { error: "Sign in required" });
  if (!canImport(principal)) return json(403, { error: "Quality officers do not write clinical records, so they cannot import them" });
  const mode = new URL(request.url).searchParams.get("mode");
  if (mode !== "dry-run" && mode !== "commit") return json(400, { error: "mode must be dry-run or commit" });
  const read = await readUpload(request);
  if (!read.ok) return json(read.status, { error: read.message });
  try {
    const report = mode === "commit" ? await commitImport(principal, read.upload, clock) : await dryRunImport(principal, read.upload, clock);
    return json(mode === "commit" && !report.committed ? 422 : 200, report);
  } catch (error) {
    if (error instanceof ForbiddenError) return json(403, { error: error.message });
    throw error;
  }
}
