import { expect, test } from "@playwright/test";
import { fillDate, fillNewAssessment, fillNewPatient, fillNewProcedure, isoDaysFromToday, savePatient, signInAs } from "./support";

test.describe.configure({ mode: "serial" });

test.describe("a physician runs a patient's MILD follow-up", () => {
  const mrn = `E2E-${Date.now()}`;
  const name = "Edith Endtoend";
  const procedureDate = isoDaysFromToday(-75); // 3-month window (day 70–119) is open: the worklist shows it
  let patientUrl = "";
  let procedureUrl = "";

  test("enters a new patient", async ({ page }) => {
    await signInAs(page, "physician1@example.org");
    const form = await fillNewPatient(page, { mrn, name, dateOfBirth: "1949-04-12" });
    await form.getByLabel("Diabetes").check();
    await savePatient(page, form, name);
    patientUrl = new URL(page.url()).pathname;
    expect(patientUrl).toMatch(/^\/patients\/\d+$/);
  });

  test("enters a procedure that needs the 12-month eligibility acknowledgement", async ({ page }) => {
    await signInAs(page, "physician1@example.org");
    await page.goto(patientUrl);
    const form = await fillNewProcedure(page, procedureDate);
    await form.getByLabel("Prior lumbar treatment").selectOption("laminectomy");
    await fillDate(page, "Date of that treatment", isoDaysFromToday(-200));
    // the warning appears as soon as the dates say "within 12 months"
    await expect(form.getByRole("alert").filter({ hasText: /12 months/ })).toBeVisible();
    await form.getByRole("button", { name: "Save procedure" }).click();
    // refused without the acknowledgement; what was typed is still there
    await expect(form.getByText(/confirm you are recording this procedure anyway/).first()).toBeVisible();
    await expect(page.getByLabel("Procedure date")).toHaveValue(procedureDate);
    await expect(page.getByLabel("L4-L5")).toBeChecked();
    await page.getByLabel(/^I confirm/).check();
    await page.getByRole("button", { name: "Save procedure" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("MILD procedure");
    await expect(page.getByRole("note", { name: "Eligibility" })).toContainText(/12 months/);
    // the patient's risk factors are shown on the procedure page
    await expect(page.getByText("Diabetes").first()).toBeVisible();
    procedureUrl = new URL(page.url()).pathname;
  });

  test("enters a baseline and a 6-week assessment; a bad score keeps what was typed", async ({ page }) => {
    await signInAs(page, "physician1@example.org");
    await page.goto(procedureUrl);
    let form = await fillNewAssessment(page, { assessedOn: isoDaysFromToday(-78), timepoint: "baseline", back: "12", leg: "6" });
    await form.getByLabel("Walking tolerance").fill("5");
    await form.getByRole("button", { name: "Save assessment" }).click();
    form = page.getByRole("form", { name: "Assessment form" });
    await expect(form.getByText("NPRS back pain must be a whole number from 0 to 10").first()).toBeVisible();
    await expect(form.getByLabel("NPRS back pain")).toHaveValue("12");
    await expect(form.getByLabel("NPRS leg pain")).toHaveValue("6");
    await expect(form.getByLabel("Walking tolerance")).toHaveValue("5");
    await form.getByLabel("NPRS back pain").fill("7");
    await form.getByRole("button", { name: "Save assessment" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("MILD procedure");

    form = await fillNewAssessment(page, { assessedOn: isoDaysFromToday(-33), timepoint: "week_6", back: "3", leg: "2" });
    await form.getByLabel("Walking tolerance").fill("25");
    await form.getByRole("button", { name: "Save assessment" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("MILD procedure");
    await expect(page.getByRole("table").filter({ hasText: "6 weeks" }).first()).toBeVisible();
  });

  test("reports a complication and sees it awaiting adjudication", async ({ page }) => {
    await signInAs(page, "physician1@example.org");
    await page.goto(procedureUrl);
    await page.getByRole("link", { name: "Report complication" }).click();
    const form = page.getByRole("form", { name: /Complication/ });
    await form.getByLabel("Type").selectOption("hematoma");
    await fillDate(page, "Onset date", isoDaysFromToday(-73));
    await form.getByRole("radio", { name: /^Grade II\b/ }).check();
    await form.getByRole("radio", { name: /^Procedure/ }).check();
    await form.getByRole("radio", { name: "Resolved" }).check();
    await form.getByRole("button", { name: "Report complication" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("MILD procedure");
    await expect(page.getByText("Hematoma").first()).toBeVisible();
    await expect(page.getByText("Awaiting adjudication").first()).toBeVisible();
  });

  test("finds the records in the list, the patient page and the worklist", async ({ page }) => {
    await signInAs(page, "physician1@example.org");
    await page.goto(`/procedures?q=${mrn}`);
    await expect(page.getByRole("link", { name: name })).toBeVisible();
    await expect(page.getByText("flagged (≤ 12 months)")).toBeVisible();
    await page.goto(patientUrl);
    await expect(page.getByText(/MILD procedure|procedure/i).first()).toBeVisible();
    await expect(page.getByText("Hematoma").first()).toBeVisible();
    // The worklist is paged; its newest procedures first, a hundred to a page, holds this one.
    await page.goto("/worklist?sort=procedure&dir=desc&size=100");
    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText("3 months");
  });

  test("another physician cannot open the patient or the procedure by URL", async ({ page }) => {
    await signInAs(page, "physician2@example.org");
    for (const url of [patientUrl, procedureUrl]) {
      const response = await page.goto(url);
      expect(response?.status()).toBe(404);
      await expect(page.getByText(name)).toHaveCount(0);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(/not found/i);
    }
  });
});

test.describe("the procedure list", () => {
  test("keeps filters, sort and hidden columns in the URL", async ({ page }) => {
    await signInAs(page, "quality@example.org");
    await page.goto("/procedures");
    await page.getByRole("combobox", { name: "Complication", exact: true }).selectOption("1");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/complication=1/);
    await page.getByRole("button", { name: /Complications/ }).click();
    await expect(page).toHaveURL(/sort=complications/);
    await page.getByText("Columns", { exact: true }).click();
    // the checkbox follows the URL, so it changes once the navigation lands
    await page.getByRole("checkbox", { name: "Site", exact: true }).click();
    await expect(page).toHaveURL(/hide=site/);
    await expect(page.getByRole("columnheader", { name: /Site/ })).toHaveCount(0);
    // the same URL opened fresh gives the same view
    const url = page.url();
    await page.goto(url);
    await expect(page.getByRole("columnheader", { name: /Site/ })).toHaveCount(0);
    await expect(page.getByRole("combobox", { name: "Complication", exact: true })).toHaveValue("1");
  });
});
