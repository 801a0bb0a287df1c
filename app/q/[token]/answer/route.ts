import { NextResponse } from "next/server";
import { clientAddressFrom } from "@/lib/auth/clientAddress";
import { submitInvitationAnswers } from "@/lib/dal/invitations/patientLink";
import { DRAFT_COOKIE, DRAFT_MAX_AGE_SECONDS, encodeDraft } from "@/lib/http/questionnaireDraft";

/**
 * The questionnaire's plain form post. Saved, already received or refused, the answer is a 303 back to the
 * page (POST → redirect → GET), so a reload never sends twice; a refusal carries the answers and messages in a
 * short-lived cookie. A link that opens nothing goes back to the page too, which answers its one 404; too many tries, 429.
 */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const page = new URL(`/q/${encodeURIComponent(token)}`, request.url);
  let posted: Record<string, unknown> = {};
  try {
    posted = Object.fromEntries((await request.formData()).entries());
  } catch {
    posted = {};
  }
  const answer = await submitInvitationAnswers(token, posted, clientAddressFrom(request.headers));
  // The page then answers the one neutral 404, as for any link that opens nothing.
  if (answer.state === "unavailable") return NextResponse.redirect(page, 303);
  if (answer.state === "throttled")
    return new NextResponse("Too many attempts. Please try again later.", { status: 429, headers: { "Retry-After": String(answer.retryAfterSeconds) } });
  if (answer.state === "refused") {
    const response = NextResponse.redirect(page, 303);
    response.cookies.set(DRAFT_COOKIE, encodeDraft({ values: answer.values, errors: answer.errors }), {
      path: page.pathname,
      maxAge: DRAFT_MAX_AGE_SECONDS,
      httpOnly: true,
      sameSite: "lax",
      secure: page.protocol === "https:",
    });
    return response;
  }
  if (answer.state === "saved") page.searchParams.set("sent", "1");
  const response = NextResponse.redirect(page, 303);
  response.cookies.delete({ name: DRAFT_COOKIE, path: page.pathname });
  return response;
}
