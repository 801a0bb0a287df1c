/**
 * proxy.ts end to end on real NextRequests: every response carries the security headers with a fresh nonce,
 * the nonce reaches the renderer through the request's CSP header, pages without a session still go to
 * /login and APIs to 401, and cross-site state-changing API requests are refused before anything else.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { getAuthSecret } from "@/lib/auth/secret";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mild-headers-"));
process.env.DATABASE_PATH = path.join(dir, "mild.db");
delete process.env.NEXTAUTH_URL;
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const { proxy } = await import("@/proxy");
const APP = "http://localhost:3600";
let sessionCookie = "";

beforeAll(async () => {
  const token = await encode({ token: { uid: 1, role: "physician", sv: 1, signedInAt: Date.now(), sid: "s" }, secret: getAuthSecret() });
  sessionCookie = `next-auth.session-token=${token}`;
});

function request(pathname: string, init: { method?: string; headers?: Record<string, string>; signedIn?: boolean } = {}) {
  const headers = new Headers({ host: "localhost:3600", ...init.headers });
  if (init.signedIn) headers.set("cookie", sessionCookie);
  return new NextRequest(new URL(pathname, APP), { method: init.method ?? "GET", headers });
}

const SECURITY_HEADERS = ["content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy", "permissions-policy"];
const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

describe("headers on every response", () => {
  it.each([
    ["the sign-in page", "/login", false],
    ["a page, signed in", "/patients", true],
    ["a page, signed out (redirect)", "/patients", false],
    ["an API, signed out (401)", "/api/v1/outcomes/summary", false],
    ["next-auth's own endpoint", "/api/auth/csrf", false],
  ])("%s", async (_label, pathname, signedIn) => {
    const response = await proxy(request(pathname, { signedIn }));
    for (const name of SECURITY_HEADERS) expect(response.headers.get(name), name).toBeTruthy();
    expect(response.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    expect(response.headers.get("content-security-policy")).not.toMatch(/unsafe-eval/);
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it("hands the page renderer the same nonce the browser gets, fresh per request", async () => {
    const a = await proxy(request("/login"));
    const b = await proxy(request("/login"));
    const nonce = nonceOf(a.headers.get("content-security-policy"));
    expect(nonce).toBeTruthy();
    expect(nonceOf(b.headers.get("content-security-policy"))).not.toBe(nonce);
    // NextResponse.next({ request: { headers } }) passes request headers on as x-middleware-request-*.
    expect(a.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(nonceOf(a.headers.get("x-middleware-request-content-security-policy"))).toBe(nonce);
  });

  it("stamps the request path for the data layer, overwriting whatever the client sent", async () => {
    const response = await proxy(request("/outcomes", { signedIn: true, headers: { "x-mild-pathname": "/account/security" } }));
    expect(response.headers.get("x-middleware-request-x-mild-pathname")).toBe("/outcomes");
  });

  it("adds HSTS and upgrade-insecure-requests when served over HTTPS", async () => {
    const response = await proxy(request("/login", { headers: { "x-forwarded-proto": "https" } }));
    expect(response.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(response.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });
});

describe("sign-in redirects keep their behaviour", () => {
  it("sends a page to /login with the callback URL", async () => {
    const response = await proxy(request("/patients?page=2"));
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe(`${APP}/login?callbackUrl=%2Fpatients%3Fpage%3D2`);
  });

  it("answers an API with 401 JSON", async () => {
    const response = await proxy(request("/api/v1/outcomes/summary"));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "Sign in required" });
  });

  it("lets the sign-in page and next-auth through without a session", async () => {
    for (const p of ["/login", "/api/auth/session", "/api/auth/callback/credentials"]) {
      const response = await proxy(request(p, { method: p.includes("callback") ? "POST" : "GET" }));
      expect(response.headers.get("x-middleware-next"), p).toBe("1");
    }
  });
});

describe("cross-site API writes", () => {
  it("refuses a POST from another origin with 403, even signed in, before the session check", async () => {
    for (const signedIn of [true, false]) {
      const response = await proxy(request("/api/import", { method: "POST", signedIn, headers: { origin: "https://evil.example" } }));
      expect(response.status).toBe(403);
      expect(response.headers.get("content-security-policy")).toBeTruthy();
    }
  });

  it("refuses the identified export's POST from another site's page, and lets the app's own form through", async () => {
    for (const kind of ["procedures", "complications"]) {
      const path = `/api/export/${kind}.csv`;
      expect((await proxy(request(path, { method: "POST", signedIn: true, headers: { origin: "https://evil.example" } }))).status).toBe(403);
      expect((await proxy(request(path, { method: "POST", signedIn: true, headers: { "sec-fetch-site": "cross-site" } }))).status).toBe(403);
      expect((await proxy(request(path, { method: "POST", signedIn: true, headers: { origin: APP } }))).headers.get("x-middleware-next")).toBe("1");
    }
  });

  it("lets the app's own origin, and GETs from anywhere, through to the session check", async () => {
    expect((await proxy(request("/api/import", { method: "POST", signedIn: true, headers: { origin: APP } }))).headers.get("x-middleware-next")).toBe("1");
    expect(
      (await proxy(request("/api/v1/outcomes/summary", { signedIn: true, headers: { origin: "https://evil.example" } }))).headers.get("x-middleware-next"),
    ).toBe("1");
  });

  it("leaves next-auth's endpoints to its own CSRF token", async () => {
    const response = await proxy(request("/api/auth/signout", { method: "POST", headers: { origin: "https://evil.example" } }));
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });
});

describe("REQUIRE_ADMIN_TOTP in the proxy", () => {
  const cookieFor = async (claims: Record<string, unknown>) =>
    `next-auth.session-token=${await encode({ token: { uid: 2, role: "admin", sv: 1, signedInAt: Date.now(), sid: "s", ...claims }, secret: getAuthSecret() })}`;
  const get = async (pathname: string, claims: Record<string, unknown>) =>
    proxy(new NextRequest(new URL(pathname, APP), { headers: { host: "localhost:3600", cookie: await cookieFor(claims) } }));

  it("sends an administrator who signed in without a second factor to enrolment, pages and APIs alike", async () => {
    process.env.REQUIRE_ADMIN_TOTP = "1";
    try {
      const page = await get("/outcomes", { role: "admin", tf: false });
      expect(page.status).toBe(307);
      expect(page.headers.get("location")).toBe(`${APP}/account/security`);
      expect((await get("/api/v1/outcomes/summary", { role: "admin", tf: false })).status).toBe(403);
      expect((await get("/account/security", { role: "admin", tf: false })).headers.get("x-middleware-next")).toBe("1");
      expect((await get("/outcomes", { role: "admin", tf: true })).headers.get("x-middleware-next")).toBe("1");
      expect((await get("/outcomes", { role: "physician", tf: false })).headers.get("x-middleware-next")).toBe("1");
    } finally {
      delete process.env.REQUIRE_ADMIN_TOTP;
    }
    expect((await get("/outcomes", { role: "admin", tf: false })).headers.get("x-middleware-next")).toBe("1");
  });
});
