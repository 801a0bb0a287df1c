/**
 * The client's network address, for sign-in throttling and the audit log.
 *
 * `next start` fills X-Forwarded-For with the socket address only when the request did not bring one
 * (next/dist/server/base-server.js: `req.headers['x-forwarded-for'] ??= socket.remoteAddress`), and a reverse
 * proxy appends the address it saw to whatever the client sent. So the leftmost entry is whatever the client
 * chose to write, and the trustworthy one is counted from the right: the last entry with one proxy (or none),
 * the second-to-last with two, and so on (TRUSTED_PROXIES, default 1). Served directly with no proxy, a client
 * that sends its own X-Forwarded-For can still choose its address: production belongs behind a proxy that sets
 * the header (nginx: `proxy_set_header X-Forwarded-For $remote_addr;`).
 */
export function trustedProxyHops(): number {
  const n = Number(process.env.TRUSTED_PROXIES ?? 1);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined | null;

function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const raw = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(raw) ? raw.join(",") : raw;
}

export function clientAddressFrom(headers: HeaderSource, hops = trustedProxyHops()): string | null {
  const forwarded = headerValue(headers, "x-forwarded-for");
  if (!forwarded) return null;
  const entries = forwarded
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  const entry = entries[Math.max(0, entries.length - hops)]!;
  // An address, not free text: keeps the audit log and the throttle keys clean.
  return /^[0-9A-Fa-f:.[\]%a-zA-Z-]{1,64}$/.test(entry) ? entry.replace(/^::ffff:/, "") : null;
}

export function userAgentFrom(headers: HeaderSource): string | null {
  const ua = headerValue(headers, "user-agent");
  return ua ? ua.slice(0, 300) : null;
}
