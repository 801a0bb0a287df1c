import { describe, expect, it } from "vitest";
import { sameOriginPath } from "@/lib/http/sameOriginPath";

const APP = "https://mild.example.org";

describe("sameOriginPath: where sign-in may send the user", () => {
  it.each([
    ["/\\evil.example/phish"],
    ["/\\\\evil.example/phish"],
    ["/\t/evil.example/phish"],
    ["/\n/evil.example/phish"],
    ["//evil.example/phish"],
    ["\\\\evil.example"],
    ["http://evil.example/phish"],
    ["http:evil.example/phish"],
    ["javascript:alert(1)"],
    ["data:text/html,hi"],
    [""],
  ])("sends %j home", (value) => {
    expect(sameOriginPath(value, APP)).toBe("/");
  });

  it("keeps a path on this app with its query and fragment", () => {
    expect(sameOriginPath("/patients?page=2#top", APP)).toBe("/patients?page=2#top");
    expect(sameOriginPath(`${APP}/procedures/7`, APP)).toBe("/procedures/7");
  });

  it("never returns a path that reads as another host", () => {
    expect(sameOriginPath(`${APP}//evil.example/x`, APP)).toBe("/evil.example/x");
    expect(sameOriginPath("/%5Cevil.example", APP)).toBe("/%5Cevil.example");
    // Same scheme as the app: a relative path, as a browser resolves it.
    expect(sameOriginPath("https:evil.example/phish", APP)).toBe("/evil.example/phish");
  });
});
