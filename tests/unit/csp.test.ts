import { describe, expect, it } from "vitest";
import { buildCsp, isHttpsRequest, newNonce, securityHeaders } from "@/lib/http/securityHeaders";

const directives = (csp: string) => Object.fromEntries(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("Content-Security-Policy", () => {
  it("allows scripts only by this response's nonce (and what they load), never eval in production", () => {
    const d = directives(buildCsp({ nonce: "abc123==" }));
    expect(d["script-src"]).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(buildCsp({ nonce: "n" })).not.toContain("unsafe-eval");
    expect(d["script-src"]).not.toContain("'unsafe-inline'");
  });

  it("adds 'unsafe-eval' and websocket connections in development only", () => {
    const d = directives(buildCsp({ nonce: "n", dev: true }));
    expect(d["script-src"]).toContain("'unsafe-eval'");
    expect(d["connect-src"]).toEqual(["'self'", "ws:", "wss:"]);
  });

  it("forbids framing, plugins, foreign form targets and base URLs", () => {
    const d = directives(buildCsp({ nonce: "n" }));
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
    expect(d["object-src"]).toEqual(["'none'"]);
    expect(d["form-action"]).toEqual(["'self'"]);
    expect(d["base-uri"]).toEqual(["'self'"]);
    expect(d["default-src"]).toEqual(["'self'"]);
  });

  it("lets styles be inline (recharts) without a nonce, which would switch 'unsafe-inline' off", () => {
    const d = directives(buildCsp({ nonce: "n" }));
    expect(d["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("upgrades insecure requests only when served over HTTPS", () => {
    expect(buildCsp({ nonce: "n", https: true })).toContain("upgrade-insecure-requests");
    expect(buildCsp({ nonce: "n", https: false })).not.toContain("upgrade-insecure-requests");
  });
});

describe("nonces", () => {
  it("are 128 random bits, base64, different every time", () => {
    const seen = new Set(Array.from({ length: 200 }, newNonce));
    expect(seen.size).toBe(200);
    for (const nonce of seen) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("the other security headers", () => {
  it("always: nosniff, no framing, same-origin referrer, a restrictive permissions policy", () => {
    const h = securityHeaders({ nonce: "n" });
    expect(h).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "same-origin",
      "Permissions-Policy": expect.stringContaining("camera=()"),
    });
    expect(h).not.toHaveProperty("Strict-Transport-Security");
  });

  it("HSTS only over HTTPS", () => {
    expect(securityHeaders({ nonce: "n", https: true })["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
  });

  it("knows HTTPS from X-Forwarded-Proto or an https NEXTAUTH_URL", () => {
    expect(isHttpsRequest(new Headers({ "x-forwarded-proto": "https" }), undefined)).toBe(true);
    expect(isHttpsRequest(new Headers({ "x-forwarded-proto": "http" }), undefined)).toBe(false);
    expect(isHttpsRequest(new Headers(), "https://mild.example.org")).toBe(true);
    expect(isHttpsRequest(new Headers(), "http://localhost:3000")).toBe(false);
  });
});
