import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { signInAs } from "./support";

/** The report card buttons: each downloads a real PDF (or zip of them) for the view on screen and a period. */
test.describe("report cards", () => {
  test("a physician downloads their own report card from the outcomes page, with the last 12 months as its period", async ({ page }) => {
    await signInAs(page, "physician1@example.org");
    await page.goto("/outcomes?severity=any");
    const link = page.getByRole("link", { name: "Report card (PDF)" });
    const href = (await link.getAttribute("href"))!;
    const params = new URL(href, page.url()).searchParams;
    expect(params.get("severity")).toBe("any");
    expect(params.get("from")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(params.get("to")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^report-card_.*_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(
      fs
        .readFileSync((await download.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });

  test("a quality officer finds a report card per physician and the zip of all on the quality page", async ({ page }) => {
    test.setTimeout(120_000);
    await signInAs(page, "quality@example.org");
    await page.goto("/quality");
    const card = page.getByRole("region", { name: "Report cards" });
    const table = card.getByRole("table", { name: "Report card of each physician" });
    await expect(table.getByRole("row")).not.toHaveCount(1);
    const first = table.getByRole("row").nth(1);
    const name = (await first.getByRole("rowheader").textContent())!;
    await expect(first.getByRole("link", { name: new RegExp(`^Report card \\(PDF\\): ${name}, `) })).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent("download"), card.getByRole("link", { name: "All physicians (zip of PDFs)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^report-cards_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.zip$/);
    expect(
      fs
        .readFileSync((await download.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
  });
});
