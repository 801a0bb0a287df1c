import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { signInAs } from "./support";

test.describe("adjudication and the audit log", () => {
  test("a quality officer adjudicates a complication with a reason and finds the decision in the audit log", async ({ page }) => {
    await signInAs(page, "quality@example.org");
    await page.goto("/quality/review");
    await expect(page.getByRole("heading", { level: 1, name: "Review queue" })).toBeVisible();
    const table = page.getByRole("table", { name: "Reported complications to review" });
    // Open reports first; a small demo database may have none open, then any report can be decided again.
    if ((await table.getByRole("row").count()) < 2 || (await table.getByText("No reports match these filters.").count()) > 0) {
      await page.goto("/quality/review?status=all");
    }
    await table.getByRole("row").nth(1).getByRole("link").first().click();
    await expect(page).toHaveURL(/\/quality\/review\/\d+$/);
    const id = page.url().split("/").pop()!;

    // The reason is required: the form says so beside the field and keeps the choice.
    const form = page.getByRole("form", { name: "Adjudication decision" });
    await form.getByLabel("Confirm").check();
    await form.getByRole("button", { name: "Record decision" }).click();
    await expect(form.getByRole("alert")).toContainText("Enter the reason for the decision");

    const reason = `E2E: discharge letter read, grade confirmed (${Date.now()})`;
    await form.getByLabel("Confirm").check();
    await form.getByLabel("Reason").fill(reason);
    await form.getByRole("button", { name: "Record decision" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Decision recorded: confirmed." })).toBeVisible();
    await expect(page.getByText(reason)).toBeVisible();

    await page.goto(`/audit?entity=complication&entityId=${id}&action=complication.adjudicate.confirm`);
    const log = page.getByRole("table", { name: "Audit log entries" });
    await expect(log.getByRole("row").nth(1)).toContainText("quality@example.org");
    await expect(log.getByRole("row").nth(1)).toContainText(reason);
  });

  test("the verify-chain button reports an intact chain and the server's checkpoint matching it", async ({ page }) => {
    await signInAs(page, "admin@example.org");
    await page.goto("/audit");
    await page.getByRole("button", { name: "Verify chain" }).click();
    const status = page.getByRole("form", { name: "Verify the audit chain" }).getByRole("status");
    await expect(status).toContainText(/Chain intact: all [\d,]+ entries verified under the audit key/);
    // The server checkpoints the log when it starts (and after every export and import).
    await expect(status).toContainText(/The last checkpoint \(.+, entry #\d+\) matches\./);
  });

  test("a physician sees neither the review queue nor the audit log", async ({ page }) => {
    await signInAs(page, "physician1@example.org");
    for (const path of ["/quality/review", "/audit"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
    }
    await page.goto("/");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" })).toHaveCount(0);
  });
});

test.describe("CSV export", () => {
  test("a physician downloads a de-identified export of the procedure list", async ({ page }) => {
    await signInAs(page, "physician1@example.org");
    await page.goto("/procedures");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export this view (CSV)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^procedures_deidentified_\d{4}-\d{2}-\d{2}_def-.*_relief-.*\.csv$/);
    const text = fs.readFileSync((await download.path())!, "utf8");
    const [header, ...rows] = text.trim().split("\r\n");
    expect(header!.split(",")).toEqual(
      expect.arrayContaining(["procedure_ref", "physician_ref", "procedure_year", "age_at_procedure", "relief_event", "relief_day", "worst_grade"]),
    );
    expect(header).not.toMatch(/patient_name|patient_mrn|date_of_birth|device_lot|notes/);
    expect(rows.length).toBeGreaterThan(0);
    // One physician: every row carries the same pseudonymous physician reference; no exact date anywhere.
    const physicianAt = header!.split(",").indexOf("physician_ref");
    expect(new Set(rows.map((r) => r.split(",")[physicianAt])).size).toBe(1);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  test("a quality officer posts the identified export from the app's form; the same request as a link is refused", async ({ page }) => {
    await signInAs(page, "quality@example.org");
    await page.goto("/procedures");
    await page.getByText("Identified export…").click();
    const reason = `E2E registry submission ${Date.now()}`;
    await page.getByLabel("Reason (recorded in the audit log)").fill(reason);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Procedures", exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(/^procedures_identified_/);
    const header = fs.readFileSync((await download.path())!, "utf8").split("\r\n")[0]!;
    expect(header.split(",")).toEqual(expect.arrayContaining(["patient_mrn", "patient_name", "date_of_birth"]));

    // What a link on another site's page would make the officer's browser ask for.
    const link = await page.request.get(`/api/export/procedures.csv?identified=1&reason=${encodeURIComponent("written by another site")}`);
    expect(link.status()).toBe(405);
    await page.goto(`/audit?action=export.procedures`);
    const log = page.getByRole("table", { name: "Audit log entries" });
    await expect(log.getByRole("row").nth(1)).toContainText(reason);
    await expect(page.getByText("written by another site")).toHaveCount(0);
  });
});
