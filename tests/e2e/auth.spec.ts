import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signInAs } from "./support";

test.describe("signing in", () => {
  test("a physician signs in with the form and sees only their own numbers", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("complementary", { name: "Demo accounts" })).toContainText("physician1@example.org");
    await page.getByLabel("Email").fill("physician1@example.org");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome");
    await expect(page.getByRole("region", { name: "My procedures" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Follow-up completeness" })).toBeVisible();
    // a physician never sees the list of physicians
    await expect(page.getByRole("heading", { name: "Physicians" })).toHaveCount(0);
  });

  test("a wrong password shows an error and keeps the typed email", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("quality@example.org");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const form = page.locator("form.login-form");
    await expect(form.getByRole("alert")).toContainText("not correct");
    await expect(page.getByLabel("Email")).toHaveValue("quality@example.org");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a quality officer sees every physician", async ({ page }) => {
    await signInAs(page, "quality@example.org");
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Practice overview");
    const table = page.getByRole("table", { name: /Physicians/ });
    await expect(table.getByRole("row")).toHaveCount(16); // header + 15 physicians
    await expect(page.getByText("Quality officer · quality@example.org")).toBeVisible();
  });

  test("an admin signs in and sees the practice overview", async ({ page }) => {
    await signInAs(page, "admin@example.org");
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Practice overview");
    await expect(page.getByText("Administrator · admin@example.org")).toBeVisible();
  });

  test("signing out ends the session", async ({ page }) => {
    await signInAs(page, "physician2@example.org");
    await page.goto("/");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a copy of the session cookie kept from before sign-out gets no session from /api/auth/session", async ({ page, playwright, baseURL }) => {
    await signInAs(page, "physician3@example.org");
    const cookie = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"))!;
    expect((await (await page.request.get("/api/auth/session")).json()).user?.email).toBe("physician3@example.org");
    const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
    expect((await page.request.post("/api/auth/signout", { form: { csrfToken, json: "true" } })).ok()).toBeTruthy();

    const copy = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `${cookie.name}=${cookie.value}` } });
    const response = await copy.get("/api/auth/session");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({});
    await copy.dispose();
  });
});

test.describe("after signing in, only a path on this app is followed", () => {
  // As they appear in a crafted link: the query is decoded once, then resolved by the browser as a URL.
  for (const query of [
    "/%5Cevil.example/phish",
    "/%5C%5Cevil.example/phish",
    "/%09/evil.example/phish",
    "%2F%2Fevil.example%2Fphish",
    "/%0A/evil.example/phish",
    "http%3A%2F%2Fevil.example%2Fphish",
    "https:evil.example/phish",
    "javascript:alert(document.domain)",
  ]) {
    test(`/login?callbackUrl=${query} goes home after sign-in`, async ({ page, baseURL }) => {
      await page.goto(`/login?callbackUrl=${query}`);
      await page.getByLabel("Email").fill("physician5@example.org");
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => !url.pathname.startsWith("/login"));
      expect(page.url()).toBe(`${new URL(baseURL!).origin}/`);
    });
  }

  test("a callbackUrl that is a path on this app is followed", async ({ page }) => {
    await page.goto(`/login?callbackUrl=${encodeURIComponent("/patients?page=2")}`);
    await page.getByLabel("Email").fill("physician5@example.org");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/patients\?page=2$/);
  });
});

test.describe("without a session", () => {
  test("pages redirect to the sign-in page and keep where the user was going", async ({ page }) => {
    await page.goto("/?view=1");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2F%3Fview%3D1/);
  });

  test("the API answers 401", async ({ request }) => {
    const response = await request.get("/api/v1/outcomes/summary");
    expect(response.status()).toBe(401);
  });
});
