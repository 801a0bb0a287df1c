import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { getAuthSecret } from "@/lib/auth/secret";
import { adminTotpRequired, isEnrolmentPath, SECOND_FACTOR_ENROLMENT_PATH } from "@/lib/auth/secondFactorPolicy";
import { checkSameOrigin } from "@/lib/http/sameOrigin";
import { isHttpsRequest, newNonce, NONCE_HEADER, PATHNAME_HEADER, securityHeaders } from "@/lib/http/securityHeaders";

/**
 * Reachable without a session: the sign-in page, next-auth's own endpoints, and patients' questionnaire links
 * (/q/…: the token in the path is their only key, checked in lib/dal/invitations/patientLink.ts).
 */
const isNextAuth = (pathname: string) => /^\/api\/auth(?:\/|$)/.test(pathname);
const isPatientLink = (pathname: string) => /^\/q\/[^/]+/.test(pathname);
const isPublic = (pathname: string) => /^\/login(?:\/|$)/.test(pathname) || isNextAuth(pathname) || isPatientLink(pathname);

/**
 * Every response gets the security headers (a fresh CSP nonce each time, see lib/http/securityHeaders.ts).
 * State-changing /api/* requests from another site's page are refused (403) before anything else.
 * Then the first line of defence only: requests without a session token go to /login (pages) or get 401 (API),
 * and an administrator who must enrol a second factor goes to enrolment. Whether the token's user may still
 * act, and on what, is decided again in lib/dal on every request.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const nonce = newNonce();
  const headers = securityHeaders({ nonce, dev: process.env.NODE_ENV === "development", https: isHttpsRequest(request.headers) });
  const finish = (response: NextResponse) => {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  };

  if (pathname.startsWith("/api/") && !isNextAuth(pathname)) {
    const verdict = checkSameOrigin(request);
    if (!verdict.ok) return finish(NextResponse.json({ error: `Cross-site request refused: ${verdict.reason}` }, { status: 403 }));
  }

  if (!isPublic(pathname)) {
    const token = await getToken({ req: request, secret: getAuthSecret() });
    if (!token) {
      if (pathname.startsWith("/api/")) return finish(NextResponse.json({ error: "Sign in required" }, { status: 401 }));
      const login = new URL("/login", request.url);
      const target = pathname + search;
      if (target !== "/") login.searchParams.set("callbackUrl", target);
      return finish(NextResponse.redirect(login));
    }
    // An administrator who must use two-step sign-in and signed in without it may only enrol. Decided here,
    // before rendering, so the app's layout never has to redirect between two of its own pages.
    if (adminTotpRequired() && token.role === "admin" && !token.tf && !isEnrolmentPath(pathname)) {
      if (pathname.startsWith("/api/"))
        return finish(NextResponse.json({ error: "Two-step sign-in required: set it up under Account security" }, { status: 403 }));
      return finish(NextResponse.redirect(new URL(SECOND_FACTOR_ENROLMENT_PATH, request.url)));
    }
  }

  // Next reads the nonce from the request's CSP header and puts it on its own scripts while rendering.
  const forwarded = new Headers(request.headers);
  forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  forwarded.set(NONCE_HEADER, nonce);
  forwarded.set(PATHNAME_HEADER, pathname);
  return finish(NextResponse.next({ request: { headers: forwarded } }));
}

export const config = {
  // Everything but static assets: pages (including /login) and APIs (including next-auth's) all get the headers;
  // which of them need a session is decided above.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
