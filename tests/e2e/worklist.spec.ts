/**
 * The worklist in a browser: one page of the open follow-ups on the procedure list's table kit, its page, page size
 * and sort kept in the URL (so a view can be bookmarked), the counts in the header, a hand-edited URL read as the
 * defaults, and the table scrolling inside its card on a phone.
 */
import { expect, test } from "@playwright/test";
import { signInAs } from "./support";

const status = (page: import("@playwright/test").Page) => page.getByRole("status").filter({ hasText: /Showing|No rows/ });

test("pages, sorts and resizes the quality officer's worklist through the URL, most urgent first by default", async ({ page }) => {
  await signInAs(page, "quality@example.org");
  await page.goto("/worklist");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Follow-up worklist");
  await expect(page.getByText(/[\d,]+ overdue/)).toBeVisible();
  await expect(status(page)).toHaveText(/^Showing 1–25 of [\d,]+$/);
  const body = page.locator("table.data-table tbody tr");
  await expect(body).toHaveCount(25);
  // Most urgent first: the first row is overdue (the demo data has overdue follow-ups).
  await expect(body.first()).toContainText("Overdue");
  await expect(page.getByRole("columnheader", { name: /State/ })).toHaveAttribute("aria-sort", "ascending");

  await page.getByRole("button", { name: "Next →" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(status(page)).toHaveText(/^Showing 26–50 of /);

  await page.getByRole("button", { name: /Days left/ }).click();
  await expect(page).toHaveURL(/sort=daysLeft/);
  await expect(page).not.toHaveURL(/page=2/);
  await expect(page.getByRole("columnheader", { name: /Days left/ })).toHaveAttribute("aria-sort", /ascending|descending/);

  await page.getByRole("combobox", { name: "Rows per page" }).selectOption("10");
  await expect(page).toHaveURL(/size=10/);
  await expect(body).toHaveCount(10);
  // The same URL opened fresh gives the same view.
  await page.goto(page.url());
  await expect(body).toHaveCount(10);
  await expect(status(page)).toHaveText(/^Showing 1–10 of /);
});

test("reads a hand-edited URL (page −1, a billion rows, an unknown sort) as the default view", async ({ page }) => {
  await signInAs(page, "quality@example.org");
  const response = await page.goto("/worklist?page=-1&size=1000000000&sort=unknown&dir=sideways");
  expect(response?.status()).toBe(200);
  await expect(status(page)).toHaveText(/^Showing 1–25 of /);
  await expect(page.getByRole("columnheader", { name: /State/ })).toHaveAttribute("aria-sort", "ascending");
  // A page past the end: no rows, and the pager still says how many there are.
  await page.goto("/worklist?page=100000");
  await expect(page.getByText("No follow-ups on this page: go back to the first page.")).toBeVisible();
});

test("a physician's worklist on a 360 px phone: the table scrolls inside its card, the page does not", async ({ page }) => {
  await signInAs(page, "physician1@example.org");
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto("/worklist");
  await expect(page.getByRole("columnheader", { name: /Physician/ })).toHaveCount(0);
  await expect(page.locator("table.data-table tbody tr").first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const box = page.locator("table.data-table").locator("xpath=..");
  const [scrollWidth, clientWidth] = await box.evaluate((el) => [el.scrollWidth, el.clientWidth]);
  expect(scrollWidth).toBeGreaterThan(clientWidth);
});
