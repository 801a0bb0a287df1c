import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "mild-demo";

/** Signs in through next-auth's API rather than the form, so tests that are not about the form stay fast. */
export async function signInAs(page: Page, email: string, password = DEMO_PASSWORD) {
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });
  expect(response.ok()).toBeTruthy();
}
