import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { expect, test } from "@playwright/test";
import { signInAs } from "./support";

test.describe("the import page", () => {
  test("the downloadable list of problems neutralises a formula the file carried, like the server's exports", async ({ page }) => {
    await signInAs(page, "physician4@example.org");
    await page.goto("/import");
    const formula = '=HYPERLINK("http://evil.example/phish","Open")';
    const header = ["procedure_ref", "patient_ref", `"${formula.replace(/"/g, '""')}"`].join(",");
    await page
      .getByLabel("procedures.csv")
      .and(page.locator('input[type="file"]'))
      .setInputFiles({ name: "procedures.csv", mimeType: "text/csv", buffer: Buffer.from(`${header}\r\nref-1,pat-1,x\r\n`) });
    await page.getByRole("button", { name: "Check files (dry run)" }).click();
    await expect(page.getByRole("heading", { name: /problems? found/ })).toBeVisible();

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download the list (CSV)" }).click();
    const file = await (await downloading).path();
    const rows = parse(fs.readFileSync(file, "utf8"), { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.message?.startsWith("Unknown column"))?.column).toBe(`'${formula}`);
    for (const row of rows) for (const [column, value] of Object.entries(row)) expect(value, column).not.toMatch(/^[=+\-@\t\r]/);
  });
});
