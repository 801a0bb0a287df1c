import { templateCsv } from "@/lib/csv/import/template";

/** GET /api/import/template.csv (procedures) or ?kind=complications: the import's column headers with an example row. */
export async function GET(request: Request): Promise<Response> {
  const kind = new URL(request.url).searchParams.get("kind") === "complications" ? "complications" : "procedures";
  return new Response(templateCsv(kind), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${kind}-template.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
