/**
 * The client's network address, for sign-in throttling, the audit log and the sessions list.
 *
 * Nothing a client writes is believed unless the operator says a proxy is in front (TRUSTED_PROXIES, default 0):
 *  - 0: the TCP connection's address. The app's own server (scripts/serve.ts) puts it in SOCKET_ADDRESS_HEADER,
 *    over any copy the client sent. (`next start` cannot be relied on for this: it fills X-Forwarded-For from the
 *    socket only when the request brought none, so a client could choose its own address.)
 *  - n ≥ 1: n reverse proxies, each appending the address it saw to X-Forwarded-For; the trustworthy entry is
 *    counted from the right (the last with one proxy, the second-to-last with two). A request without the header
 *    did not come through them, and its connection's address is used.
 */
import type { IncomingMessage } from "node:http";

export const SOCKET_ADDRESS_HEADER = "x-mild-socket-address";

export function trustedProxyHops(): number {
  const n = Number(process.env.TRUSTED_PROXIES ?? 0);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined | null;

function headerValue(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const raw = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(raw) ? raw.join(",") : raw;
}

// An address, not free text: keeps the audit log and the throttle keys clean.
const cleanAddress = (entry: string | undefined): string | null =>
  entry && /^[0-9A-Fa-f:.[\]%a-zA-Z-]{1,64}$/.test(entry) ? entry.replace(/^::ffff:/, "") : null;

export function clientAddressFrom(headers: HeaderSource, hops = trustedProxyHops()): string | null {
  const socket = cleanAddress(headerValue(headers, SOCKET_ADDRESS_HEADER)?.trim());
  if (hops === 0) return socket;
  const entries = (headerValue(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) return socket;
  return cleanAddress(entries[Math.max(0, entries.length - hops)]);
}

/** For scripts/serve.ts: the connection's address, replacing whatever the client sent under the same name. */
export function stampSocketAddress(req: IncomingMessage): void {
  const address = req.socket.remoteAddress;
  if (address) req.headers[SOCKET_ADDRESS_HEADER] = address;
  else delete req.headers[SOCKET_ADDRESS_HEADER];
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
    if (req.rawHeaders[i]!.toLowerCase() === SOCKET_ADDRESS_HEADER) req.rawHeaders.splice(i, 2);
  }
  if (address) req.rawHeaders.push(SOCKET_ADDRESS_HEADER, address);
}

export function userAgentFrom(headers: HeaderSource): string | null {
  const ua = headerValue(headers, "user-agent");
  return ua ? ua.slice(0, 300) : null;
}
