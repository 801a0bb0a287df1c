/**
 * Alerts in the browser (issue 18 item 5): a physician reports a grade III complication; the quality officer's
 * menu then counts it unread, the alert links to the report's review page, and "Mark all as read" clears the
 * count. The physician concerned is told too.
 */
import { expect, test } from "@playwright/test";
import { signInAs, isoDaysFromToday } from "./support";

test.describe.configure({ mode: "serial" });

let reviewPath = "";

test("a serious complication reported by a physician reaches the quality officer and the physician as an alert", async ({ page }) => {
  await signInAs(page, "physician2@example.org");
  await page.goto("/procedures");
  const href = await page.locator('a[href^="/procedures/"]').filter({ hasText: /\d/ }).first().getAttribute("href");
  expect(href).toMatch(/^\/procedures\/\d+$/);
  await page.goto(href!);
  await page.getByRole("link", { name: "Report complication" }).click();
  const form = page.getByRole("form", { name: /Complication/ });
  await form.getByLabel("Type").selectOption("dural_tear_csf_leak");
  // Today: on or after any procedure's date, and not in the future.
  await page.getByLabel(/^Onset date/).fill(isoDaysFromToday(0));
  await form.getByRole("radio", { name: /^Grade III\b/ }).check();
  await form.getByRole("radio", { name: /^Procedure/ }).check();
  await form.getByRole("radio", { name: "Resolved" }).check();
  await form.getByRole("button", { name: "Report complication" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("MILD procedure");

  await page.goto("/alerts");
  await expect(page.getByText(/Serious complication reported: Dural tear/).first()).toBeVisible();

  await signInAs(page, "quality@example.org");
  await page.goto("/alerts");
  const menu = page.getByRole("navigation", { name: "Main" });
  await expect(menu.getByRole("link", { name: /Alerts \d+ unread/ })).toBeVisible();
  const alert = page
    .getByRole("listitem")
    .filter({ hasText: /Serious complication reported: Dural tear/ })
    .first();
  await expect(alert).toBeVisible();
  reviewPath = (await alert.getByRole("link", { name: "Open" }).getAttribute("href"))!;
  expect(reviewPath).toMatch(/^\/quality\/review\/\d+$/);
});

test("the alert opens the report's review page, and 'Mark all as read' clears the unread count", async ({ page }) => {
  await signInAs(page, "quality@example.org");
  await page.goto(reviewPath);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/alerts");
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByRole("heading", { name: /^0 unread of \d+/ })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alerts", exact: true })).toBeVisible();
});
