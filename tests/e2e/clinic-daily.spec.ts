/**
 * The small things a clinic hits every day: the adjudicator's question reaches the physician on their home page
 * with a way straight to the answer box; a procedure is started from the procedure list and its patient found by
 * name or MRN; exports offer an Excel variant and refuse a reason made of spaces before asking for the file.
 */
import { expect, test } from "@playwright/test";
import { signInAs } from "./support";

test.describe.configure({ mode: "serial" });

test("a question from the quality officer reaches the physician's home page and leads to the answer box", async ({ browser }) => {
  // physician1 reports a complication on their newest procedure…
  const physician = await browser.newPage();
  await signInAs(physician, "physician1@example.org");
  await physician.goto("/procedures?sort=date&dir=desc");
  await physician
    .getByRole("table", { name: /procedures/i })
    .getByRole("row")
    .nth(1)
    .getByRole("link")
    .first()
    .click();
  await expect(physician).toHaveURL(/\/procedures\/\d+$/);
  await physician.getByRole("link", { name: "Report complication" }).click();
  const report = physician.getByRole("form", { name: /Complication/ });
  await report.getByLabel("Type").selectOption("hematoma");
  await physician.getByLabel(/^Onset date/).fill(new Date().toISOString().slice(0, 10));
  await report.getByRole("radio", { name: /^Grade II\b/ }).check();
  await report.getByRole("radio", { name: /^Procedure/ }).check();
  await report.getByRole("radio", { name: "Resolved" }).check();
  await report.getByRole("button", { name: "Report complication" }).click();
  await expect(physician.getByRole("heading", { level: 1 })).toContainText("MILD procedure");
  const anchors = await physician.locator('h3[id^="adjudication-"]').evaluateAll((els) => els.map((e) => Number(e.id.split("-")[1])));
  const complicationId = Math.max(...anchors);

  // …the quality officer asks about it…
  const officer = await browser.newPage();
  await signInAs(officer, "quality@example.org");
  await officer.goto(`/quality/review/${complicationId}`);
  const question = `Which level bled, and was it drained? (${Date.now()})`;
  const decision = officer.getByRole("form", { name: "Adjudication decision" });
  await decision.getByLabel("Ask for information").check();
  await decision.getByLabel("Reason").fill(question);
  await decision.getByRole("button", { name: "Record decision" }).click();
  await expect(officer.getByRole("status").filter({ hasText: "Your question was sent to the physician" })).toBeVisible({ timeout: 15_000 });

  // …and the question is the first thing on the physician's home page, one click from the answer box.
  await physician.goto("/");
  const card = physician.getByRole("region", { name: /Questions from the adjudicator/ });
  await expect(card).toContainText(question);
  await card.getByRole("listitem").filter({ hasText: question }).getByRole("link", { name: "Answer this question" }).click();
  await expect(physician).toHaveURL(new RegExp(`/procedures/\\d+#adjudication-${complicationId}$`));
  await expect(physician.getByRole("form", { name: "Answer the request for information" })).toBeVisible();
});

test("a new procedure from the procedure list, its patient found by MRN", async ({ page }) => {
  await signInAs(page, "physician1@example.org");
  await page.goto("/patients");
  const firstPatient = page.getByRole("table", { name: "Patients" }).getByRole("row").nth(1);
  const mrn = (await firstPatient.locator("th, td").nth(1).textContent())!.trim();
  await page.goto("/procedures");
  await page.getByRole("link", { name: "New procedure" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New procedure");
  await page.getByRole("searchbox", { name: "Name or medical record number" }).fill(mrn);
  await page.getByRole("button", { name: "Find" }).click();
  await expect(page.getByRole("status").filter({ hasText: `match “${mrn}”` })).toBeVisible();
  // The one match is chosen already.
  await expect(page.getByRole("form", { name: "Procedure form" }).getByLabel("Patient")).not.toHaveValue("");
});

test("exports offer an Excel variant, and an identified export's reason of spaces is refused before the file is asked for", async ({ page }) => {
  await signInAs(page, "quality@example.org");
  await page.goto("/procedures");
  await expect(page.getByRole("link", { name: "procedures", exact: true })).toHaveAttribute("href", /format=excel/);
  await page.getByText("Identified export…").click();
  const reason = page.getByLabel("Reason (recorded in the audit log)");
  await reason.fill("   ");
  let downloaded = false;
  page.on("download", () => (downloaded = true));
  await page.getByRole("button", { name: "Procedures", exact: true }).click();
  expect(await reason.evaluate((el: HTMLInputElement) => el.validity.patternMismatch)).toBe(true);
  await expect(page).toHaveURL(/\/procedures$/);
  expect(downloaded).toBe(false);
});
