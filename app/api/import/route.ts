import { importResponse } from "@/lib/csv/import/response";
import { getPrincipal } from "@/lib/dal/session";

export const dynamic = "force-dynamic";

/** POST /api/import?mode=dry-run|commit with multipart fields `procedures` and/or `complications`. */
export async function POST(request: Request): Promise<Response> {
  return importResponse(await getPrincipal(), request);
}
