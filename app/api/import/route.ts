import { importResponse } from "@/lib/http/csvImportResponse";
import { getPrincipal } from "@/lib/dal/auth/currentPrincipal";

export const dynamic = "force-dynamic";

/** POST /api/import?mode=dry-run|commit with multipart fields `procedures` and/or `complications`. */
export async function POST(request: Request): Promise<Response> {
  return importResponse(await getPrincipal(), request);
}
