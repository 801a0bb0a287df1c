import { expect, test } from "@playwright/test";
import { addDaysIso, displayDate } from "../../lib/outcomes/dates";
import { fillNewAssessment, fillNewPatient, fillNewProcedure, isoDaysFromToday, savePatient, saveProcedure, signInAs } from "./support";

test.describe.configure({ mode: "serial" });

test.describe("an assessment dated outside its timepoint's window", () => {
  const mrn = `E2E-DQ-${Date.now()}`;
  const name = "Wanda Window";
  const procedureDate = isoDaysFromToday(-400);
  // Day 15 after the procedure: 2 weeks' window, not 12 months' (day 300–455).
  const assessedOn = addDaysIso(procedureDate, 15);
  const windowText = `12 months is ${displayDate(addDaysIso(procedureDate, 300))} – ${displayDate(addDaysIso(procedureDate, 455))} for this procedure`;
  const reason = `Patient filled in the 12-month questionnaire early by mistake (${mrn})`;
  let procedureUrl = "";

  test("a physician enters the patient and the procedure", async ({ page }) => {
    await signInAs(page, "physician1@example.org");
    await savePatient(page, await fillNewPatient(page, { mrn, name, dateOfBirth: "1948-09-30" }), name);
    await saveProcedure(page, await fillNewProcedure(page, procedureDate));
    procedureUrl = new URL(page.url()).pathname;
  });

  test("is refused with the window in words beside the date, keeping what was typed; kept with a reason", async ({ page }) => {
    await signInAs(page, "physician1@example.org");
    await page.goto(procedureUrl);
    const form = await fillNewAssessment(page, { assessedOn, timepoint: "month_12", back: "3", leg: "2" });
    await form.getByRole("button", { name: "Save assessment" }).click();

    // The refusal sits beside the date field (its error is tied to the input), with the window in words.
    const dateInput = form.getByLabel(/^Assessment date/);
    await expect(dateInput).toHaveAttribute("aria-invalid", "true");
    const errorId = ((await dateInput.getAttribute("aria-describedby")) ?? "").split(" ").find((id) => id.includes("error"));
    expect(errorId).toBeTruthy();
    await expect(page.locator(`[id="${errorId}"]`)).toContainText(windowText);
    await expect(dateInput).toHaveValue(assessedOn);
    await expect(form.getByLabel("Timepoint")).toHaveValue("month_12");
    await expect(form.getByLabel("NPRS back pain")).toHaveValue("3");
    await expect(form.getByLabel("NPRS leg pain")).toHaveValue("2");

    await form.getByLabel("Outside the window, keep it").check();
    await form.getByLabel(/^Reason for keeping it outside the window/).fill(reason);
    await form.getByRole("button", { name: "Save assessment" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("MILD procedure");
    // In the assessments list (not the schedule above it), marked as kept outside its window.
    const row = page
      .getByRole("row")
      .filter({ hasText: "12 months" })
      .filter({ hasText: displayDate(assessedOn) });
    await expect(row.getByText("outside window")).toBeVisible();
  });

  test("is listed on the data-quality page, with its window and its reason", async ({ page }) => {
    await signInAs(page, "physician1@example.org");
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Data quality" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Data quality");
    const row = page.getByRole("row").filter({ hasText: reason });
    await expect(row).toContainText("12 months");
    await expect(row).toContainText(displayDate(assessedOn));
    await expect(row).toContainText(`${displayDate(addDaysIso(procedureDate, 300))} – ${displayDate(addDaysIso(procedureDate, 455))}`);
  });

  test("a quality officer finds it on the data-quality page too", async ({ page }) => {
    await signInAs(page, "quality@example.org");
    await page.goto("/data-quality");
    await expect(page.getByRole("row").filter({ hasText: reason })).toContainText("12 months");
  });

  test("the dashboard says how many out-of-window assessments it leaves out, and includes them on request", async ({ page }) => {
    await signInAs(page, "physician1@example.org");
    await page.goto("/outcomes");
    const notice = page.getByRole("status").filter({ hasText: /out-of-window assessments? excluded/ });
    await expect(notice).toContainText(/^\d[\d,]* out-of-window assessments? excluded — include them/);
    await notice.getByRole("link", { name: "include them" }).click();
    await expect(page).toHaveURL(/outOfWindow=include/);
    await expect(page.getByRole("status").filter({ hasText: /out-of-window assessments? included — exclude them/ })).toBeVisible();
  });
});
