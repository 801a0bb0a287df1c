/**
 * Every screen fits its viewport: at phone (360 px), tablet (768 px) and desktop (1280 px) widths no navigation
 * page of any role scrolls sideways — wide tables scroll inside their card, the menu folds into a button. The
 * pages come from the menu's own declaration (lib/navigation.ts), so a new screen is checked the day it is added.
 */
import { expect, test, type Page } from "@playwright/test";
import type { Role } from "@/db/enums";
import { navItemsFor } from "@/lib/navigation";
import { signInAs } from "./support";

const WIDTHS = [1280, 768, 360] as const;
const ACCOUNTS: Record<Role, string> = {
  physician: "physician1@example.org",
  quality_officer: "quality@example.org",
  admin: "admin@example.org",
  coordinator: "coordinator1@example.org",
};

/** How far the page itself scrolls sideways (0 when everything fits). */
async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The elements that stick out past the right edge and are not inside a sideways-scrolling box: the culprits. */
async function widestElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const scrollsInside = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== "visible") return true;
      }
      return false;
    };
    return [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > limit + 1 && !scrollsInside(el))
      .slice(-5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} right=${Math.round(el.getBoundingClientRect().right)}`);
  });
}

async function expectFits(page: Page, where: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    // Charts measure their container on resize; give them a frame to settle.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const overflow = await sidewaysOverflow(page);
    expect.soft(overflow, `${where} at ${width} px scrolls sideways by ${overflow} px: ${(await widestElements(page)).join(", ")}`).toBeLessThanOrEqual(0);
  }
}

for (const [role, email] of Object.entries(ACCOUNTS) as [Role, string][]) {
  test(`no ${role} navigation page scrolls sideways at 360, 768 or 1280 px`, async ({ page }) => {
    test.setTimeout(120_000);
    await signInAs(page, email);
    for (const item of navItemsFor(role)) {
      await page.setViewportSize({ width: 1280, height: 900 });
      const response = await page.goto(item.href);
      expect(response?.status(), item.href).toBe(200);
      await expectFits(page, item.href);
    }
  });
}

test("a physician's bedside screens fit a phone: a procedure, its new-assessment form, the new-procedure form", async ({ page }) => {
  await signInAs(page, ACCOUNTS.physician);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto("/procedures");
  const firstProcedure = page.locator('a[href^="/procedures/"]').filter({ hasText: /\d/ }).first();
  const href = await firstProcedure.getAttribute("href");
  expect(href).toMatch(/^\/procedures\/\d+$/);
  for (const path of [href!, `${href}/assessments/new`, "/procedures/new", "/patients/new"]) {
    await page.goto(path);
    await expectFits(page, path);
  }
});

test("on a phone the menu is one button that opens the whole navigation and marks the current page", async ({ page }) => {
  await signInAs(page, ACCOUNTS.quality_officer);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto("/worklist");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Audit log" })).toBeHidden();
  const menu = nav.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  await expect(nav.getByRole("button", { name: "Close menu" })).toHaveAttribute("aria-expanded", "true");
  await expect(nav.getByRole("link", { name: "Worklist" })).toHaveAttribute("aria-current", "page");
  await nav.getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(/\/audit$/);
  // Following a link closes the menu, so the page is what the phone shows.
  await expect(nav.getByRole("button", { name: "Menu" })).toHaveAttribute("aria-expanded", "false");
  await expect(nav.getByRole("link", { name: "Audit log" })).toBeHidden();
});

test("the first Tab reaches 'Skip to content', which moves focus past the menu to the page", async ({ page }) => {
  await signInAs(page, ACCOUNTS.physician);
  await page.goto("/procedures");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Procedures" })).toHaveAttribute("aria-current", "page");
});
