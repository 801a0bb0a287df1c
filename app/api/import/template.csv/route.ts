import { templateCsv } from "@/lib/csv/import/template";
import { getPrincipal } from "@/lib/dal/auth/currentPrincipal";

/** GET /api/import/template.csv (procedures) or ?kind=complications: the import's column headers with an example row. */
export async function GET(request: Request): Promise<Response> {
  // Like every API route, answer only a session the data layer still honours (not just a cookie the proxy saw).
  if (!(await getPrincipal())) return Response.json({ error: "Sign in required" }, { status: 401 });
  const kind = new URL(request.url).searchParams.get("kind") === "complications" ? "complications" : "procedures";
  return new Response(templateCsv(kind), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${kind}-template.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
