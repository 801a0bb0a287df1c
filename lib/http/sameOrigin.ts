/**
 * Cross-site request refusal for the JSON API. A browser adds `Origin` to every cross-origin request and to
 * same-origin POST/PUT/PATCH/DELETE; a state-changing request whose Origin is not this app's own came from
 * another site's page riding on the user's cookie (CSRF), and is refused. A request without Origin comes from
 * a non-browser client (curl, a script): it has no ambient cookie to abuse and goes on to the normal checks.
 * next-auth's own endpoints are left to its CSRF token; server actions to Next's own Origin/Host check.
 */

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function isStateChangingMethod(method: string): boolean {
  return STATE_CHANGING.has(method.toUpperCase());
}

/** The origins this app answers on: its public URL (NEXTAUTH_URL) and the host the request was addressed to. */
export function allowedOrigins(headers: Headers, requestUrl: string, publicUrl = process.env.NEXTAUTH_URL): Set<string> {
  const origins = new Set<string>();
  const add = (u: string | undefined | null) => {
    if (!u) return;
    try {
      origins.add(new URL(u).origin);
    } catch {
      // not a URL: ignore
    }
  };
  add(publicUrl);
  add(requestUrl);
  // Behind a proxy the Host Next sees may be internal; the proxy passes the public one on.
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || new URL(requestUrl).protocol.replace(":", "");
  if (host) add(`${proto}://${host}`);
  return origins;
}

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

export function checkSameOrigin(request: { method: string; url: string; headers: Headers }, publicUrl = process.env.NEXTAUTH_URL): OriginVerdict {
  if (!isStateChangingMethod(request.method)) return { ok: true };
  const origin = request.headers.get("origin");
  if (origin === null) {
    // Fetch metadata, where the browser sends it without Origin, is just as telling.
    return request.headers.get("sec-fetch-site") === "cross-site" ? { ok: false, reason: "cross-site request" } : { ok: true };
  }
  // "null" is what sandboxed frames, file: pages and some redirects send: never this app.
  if (origin === "null") return { ok: false, reason: "opaque origin" };
  let normalised: string;
  try {
    normalised = new URL(origin).origin;
  } catch {
    return { ok: false, reason: "malformed Origin" };
  }
  return allowedOrigins(request.headers, request.url, publicUrl).has(normalised) ? { ok: true } : { ok: false, reason: `Origin ${normalised} is not this app` };
}
