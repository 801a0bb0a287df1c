import { getPrincipal } from "@/lib/dal/auth/currentPrincipal";
import { outcomeSummaryFor } from "@/lib/dal/outcomes/api";

/**
 * GET /api/v1/outcomes/summary — the outcomes dashboard's headline figures as JSON, with the same filters as
 * query parameters (physician, site, from, to, diagnosis, riskFactor, flag, levels, severity, minGrade, related,
 * windowDays, adjudicated, reliefCriterion). Signed-in users only; a physician sees only their own figures
 * (another physician's id answers 404). The work is in lib/dal/outcomes/api.ts; this stays thin.
 */
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const principal = await getPrincipal();
  if (!principal) return Response.json({ error: "Sign in required" }, { status: 401, headers: { "Cache-Control": "no-store" } });
  const result = await outcomeSummaryFor(principal, new URL(request.url).searchParams);
  return Response.json(result.body, { status: result.status, headers: { "Cache-Control": "no-store" } });
}
