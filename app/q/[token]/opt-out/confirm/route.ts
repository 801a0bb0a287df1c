import { NextResponse } from "next/server";
import { clientAddressFrom } from "@/lib/auth/clientAddress";
import { optOutByLink } from "@/lib/dal/invitations/patientLink";

/** The one-click opt-out's POST: recorded on the patient, then a page that names no one. */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const answer = await optOutByLink(token, clientAddressFrom(request.headers));
  if (answer.state === "unavailable") return new NextResponse("Not found", { status: 404 });
  if (answer.state === "throttled")
    return new NextResponse("Too many attempts. Please try again later.", { status: 429, headers: { "Retry-After": String(answer.retryAfterSeconds) } });
  return NextResponse.redirect(new URL("/q/opted-out", request.url), 303);
}
