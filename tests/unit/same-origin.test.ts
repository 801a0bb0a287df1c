import { describe, expect, it } from "vitest";
import { checkSameOrigin, isStateChangingMethod } from "@/lib/http/sameOrigin";

const APP = "http://localhost:3000";
const req = (method: string, headers: Record<string, string> = {}, url = `${APP}/api/import`) => ({
  method,
  url,
  headers: new Headers({ host: "localhost:3000", ...headers }),
});

describe("same-origin check for state-changing API requests", () => {
  it("only concerns POST, PUT, PATCH and DELETE", () => {
    expect(["POST", "put", "PATCH", "DELETE"].every(isStateChangingMethod)).toBe(true);
    expect(["GET", "HEAD", "OPTIONS"].some(isStateChangingMethod)).toBe(false);
    expect(checkSameOrigin(req("GET", { origin: "https://evil.example" }), APP)).toEqual({ ok: true });
  });

  it("accepts the app's own origin", () => {
    expect(checkSameOrigin(req("POST", { origin: APP }), APP)).toEqual({ ok: true });
    expect(checkSameOrigin(req("DELETE", { origin: APP }), undefined)).toEqual({ ok: true });
  });

  it("refuses another site's page, a look-alike port or scheme, and the opaque 'null' origin", () => {
    for (const origin of [
      "https://evil.example",
      "http://localhost:3001",
      "https://localhost:3000",
      "http://localhost:3000.evil.example",
      "null",
      "not a url",
    ]) {
      expect(checkSameOrigin(req("POST", { origin }), APP), origin).toMatchObject({ ok: false });
    }
  });

  it("lets a request without Origin through (a non-browser client has no ambient cookie) unless fetch metadata says cross-site", () => {
    expect(checkSameOrigin(req("POST"), APP)).toEqual({ ok: true });
    expect(checkSameOrigin(req("POST", { "sec-fetch-site": "same-origin" }), APP)).toEqual({ ok: true });
    expect(checkSameOrigin(req("POST", { "sec-fetch-site": "cross-site" }), APP)).toMatchObject({ ok: false });
  });

  it("accepts the public address behind a proxy (NEXTAUTH_URL, X-Forwarded-Host/Proto)", () => {
    const internal = "http://127.0.0.1:3000/api/import";
    expect(checkSameOrigin(req("POST", { origin: "https://mild.clinic.example", host: "127.0.0.1:3000" }, internal), "https://mild.clinic.example")).toEqual({
      ok: true,
    });
    expect(
      checkSameOrigin(
        req(
          "POST",
          { origin: "https://mild.clinic.example", host: "127.0.0.1:3000", "x-forwarded-host": "mild.clinic.example", "x-forwarded-proto": "https" },
          internal,
        ),
        undefined,
      ),
    ).toEqual({ ok: true });
    expect(
      checkSameOrigin(req("POST", { origin: "https://other.clinic.example", host: "127.0.0.1:3000" }, internal), "https://mild.clinic.example"),
    ).toMatchObject({ ok: false });
  });
});
