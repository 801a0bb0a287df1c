/**
 * Accessibility as a tested property: an axe-core scan (WCAG 2.2 A and AA rules) of every navigation page for each
 * role, of the sign-in page, and of each record form with its errors showing, finds no serious or critical
 * violation. The pages come from the menu's declaration (lib/navigation.ts), so a new screen is scanned the day
 * it joins the menu.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import type { Role } from "@/db/enums";
import { navItemsFor } from "@/lib/navigation";
import { signInAs } from "./support";

const ACCOUNTS: Record<Role, string> = {
  physician: "physician1@example.org",
  quality_officer: "quality@example.org",
  admin: "admin@example.org",
  coordinator: "coordinator1@example.org",
};

/** The serious and critical violations on the page as it is now, one line each with where they are. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(" | ")}`,
    );
}

for (const [role, email] of Object.entries(ACCOUNTS) as [Role, string][]) {
  test(`every ${role} navigation page passes axe with no serious or critical violation`, async ({ page }) => {
    // A sweep: a page load and an axe scan per menu item (the administrator's menu has fourteen, some of them the
    // dashboards), on a machine shared with the other browser tests.
    test.setTimeout(30_000 + 15_000 * navItemsFor(role).length);
    await signInAs(page, email);
    for (const item of navItemsFor(role)) {
      await page.goto(item.href);
      expect.soft(await seriousViolations(page), item.href).toEqual([]);
    }
  });
}

test("the sign-in page passes axe, also with its error showing", async ({ page }) => {
  await page.goto("/login");
  expect.soft(await seriousViolations(page), "sign-in").toEqual([]);
  await page.getByLabel("Email").fill("physician1@example.org");
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  expect(await seriousViolations(page), "sign-in with its error").toEqual([]);
});

test("each record form passes axe with its errors showing", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAs(page, ACCOUNTS.physician);
  await page.goto("/procedures");
  const href = await page.locator('a[href^="/procedures/"]').filter({ hasText: /\d/ }).first().getAttribute("href");
  expect(href).toMatch(/^\/procedures\/\d+$/);
  const forms = ["/patients/new", "/procedures/new", `${href}/assessments/new`, `${href}/complications/new`];
  for (const path of forms) {
    await page.goto(path);
    expect.soft(await seriousViolations(page), path).toEqual([]);
    // Submitting the empty form shows its errors (the browser's own required-field check is bypassed so the
    // server's messages are what is scanned).
    // The record form itself, not a search form above it (the new-procedure page's patient search).
    const form = page.locator("form.record-form");
    await form.evaluate((f) => f.setAttribute("novalidate", ""));
    await form.locator('button[type="submit"]').first().click();
    await expect(page.getByRole("alert").first()).toBeVisible();
    expect.soft(await seriousViolations(page), `${path} with its errors`).toEqual([]);
  }
});
