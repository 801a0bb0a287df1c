import { expect, type Page } from "@playwright/test";
import { addDaysIso, todayIn } from "@/lib/outcomes/dates";

export const DEMO_PASSWORD = "mild-demo";

/** Signs in through next-auth's API rather than the form, so tests that are not about the form stay fast. */
export async function signInAs(page: Page, email: string, password = DEMO_PASSWORD) {
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });
  expect(response.ok()).toBeTruthy();
}

/**
 * The calendar date `days` from today (negative = in the past) as the date inputs take it: today on the server's
 * clock, which the test runner shares (the demo sites keep the server's zone), so "today" is never the server's
 * tomorrow late in a western evening.
 */
export function isoDaysFromToday(days: number): string {
  return addDaysIso(todayIn(), days);
}

/** Fills a date input by the start of its label (optional fields add "(optional)" to the label). */
export async function fillDate(page: Page, label: string, iso: string) {
  await page.getByLabel(new RegExp(`^${label}`)).fill(iso);
}
