/**
 * Response headers that tell the browser what this app's pages may do. Pure (no Next imports) so the CSP can be
 * unit-tested and read in one place; proxy.ts applies them to every response it sees.
 */

/** Request header carrying the path to server code (the second-factor enrolment rule needs it). Set by proxy.ts only. */
export const PATHNAME_HEADER = "x-mild-pathname";
/** Request header carrying this request's CSP nonce, for any server component that needs it. */
export const NONCE_HEADER = "x-nonce";

/** 128 random bits, base64: unguessable per response, as a CSP nonce must be. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export type CspOptions = { nonce: string; dev?: boolean; https?: boolean };

/**
 * A nonce-based policy (Next 16's pattern: Next reads the nonce from the request's CSP header and puts it on its
 * own scripts, which needs dynamically rendered pages — every page here reads the session, so all are).
 *  - script-src: only scripts carrying this response's nonce, and what they load ('strict-dynamic'); no inline
 *    script an attacker could inject, no 'unsafe-eval' (dev only: React's dev build uses eval for error stacks).
 *  - style-src 'unsafe-inline': recharts sets inline style attributes on the SVG it draws, and browsers ignore
 *    'unsafe-inline' once a nonce is listed, so styles get no nonce. Accepted: CSS cannot run script; the risk
 *    left is injected CSS restyling a page, and the markup it would need is escaped by React.
 *  - frame-ancestors 'none' (no clickjacking), form-action/base-uri 'self', object-src 'none'.
 *  - upgrade-insecure-requests only over HTTPS: on plain http://localhost it would break every asset.
 */
export function buildCsp({ nonce, dev = false, https = false }: CspOptions): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "blob:", "data:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'", ...(dev ? ["ws:", "wss:"] : [])],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
    ...(https ? ([["upgrade-insecure-requests"]] as [string][]) : []),
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/**
 * Is this request served over HTTPS? The proxy in front says so in X-Forwarded-Proto (`next start` sets it
 * from the socket when there is no proxy); NEXTAUTH_URL with https:// says the public address is HTTPS.
 * A client forging the header on plain HTTP only earns an HSTS header its browser must ignore there (RFC 6797 §8.1).
 */
export function isHttpsRequest(headers: Headers, nextAuthUrl = process.env.NEXTAUTH_URL): boolean {
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return proto === "https" || Boolean(nextAuthUrl?.startsWith("https://"));
}

export type SecurityHeaderOptions = { nonce: string; dev?: boolean; https?: boolean };

/** Every header proxy.ts sets on a response. */
export function securityHeaders({ nonce, dev = false, https = false }: SecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": buildCsp({ nonce, dev, https }),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    // Nothing here uses the camera, microphone, location or payments; say so, and opt out of FLoC-style tracking.
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
