/**
 * A coordinator's day in the browser (issue 14 item 5): they see their sites' follow-up figures but no outcomes,
 * enter a patient and a procedure on behalf of a physician of their site — the physician chosen on the form —
 * and the record's history and the audit log name both: the coordinator as actor, the physician on whose
 * behalf. What they may not do (outcomes, adjudication, administration) answers as if it did not exist.
 */
import { expect, test } from "@playwright/test";
import { signInAs, isoDaysFromToday, fillDate } from "./support";

test.describe.configure({ mode: "serial" });

const COORDINATOR = "coordinator1@example.org";
const mrn = `CO-${Date.now()}`;
const name = "Cora Onbehalf";
let physicianName = "";
let patientUrl = "";

test("a coordinator's menu has the follow-up work and no outcomes; outcomes, adjudication and administration do not exist for them", async ({ page }) => {
  await signInAs(page, COORDINATOR);
  await page.goto("/");
  await expect(page.getByText("Procedures at your sites")).toBeVisible();
  const menu = page.getByRole("navigation", { name: "Main" });
  for (const entry of ["Home", "Worklist", "Data quality", "Procedures", "Patients"]) await expect(menu.getByRole("link", { name: entry })).toBeVisible();
  for (const entry of ["Outcomes", "Quality", "Review queue", "Audit log", "Users"])
    await expect(menu.getByRole("link", { name: entry, exact: true })).toHaveCount(0);
  for (const path of ["/outcomes", "/quality", "/quality/review", "/audit", "/admin/users"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});

test("enters a patient for a physician of their site: the history names the coordinator and the physician", async ({ page }) => {
  await signInAs(page, COORDINATOR);
  await page.goto("/patients/new");
  const form = page.getByRole("form", { name: "Patient form" });
  // Only the coordinator's own site is offered, and only its physicians.
  await expect(form.getByLabel("Site").locator("option")).toHaveCount(2);
  await form.getByLabel("Site").selectOption({ index: 1 });
  const physician = form.getByLabel("Physician");
  await physician.selectOption({ index: 1 });
  physicianName = (await physician.locator("option:checked").textContent())!.trim();
  expect(physicianName).not.toBe("");
  await form.getByLabel("Medical record number (MRN)").fill(mrn);
  await form.getByLabel("Full name").fill(name);
  await fillDate(page, "Date of birth", "1948-02-03");
  await form.getByRole("radio", { name: "Male", exact: true }).check();
  await form.getByRole("radio", { name: /^Lumbar spinal stenosis/ }).check();
  await form.getByRole("button", { name: "Save patient" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  patientUrl = new URL(page.url()).pathname;
  await expect(page.getByText(physicianName).first()).toBeVisible();
  await expect(page.getByText(/on behalf of physician\d+@example\.org/).first()).toBeVisible();
});

test("enters the patient's procedure, the responsible physician offered first; a quality officer's audit log shows both names", async ({ page }) => {
  await signInAs(page, COORDINATOR);
  await page.goto(patientUrl);
  await page.getByRole("link", { name: "New procedure for this patient" }).click();
  const form = page.getByRole("form", { name: "Procedure form" });
  await expect(form.getByLabel("Physician").locator("option:checked")).toHaveText(physicianName);
  await form.getByLabel("Site").selectOption({ index: 1 });
  await fillDate(page, "Procedure date", isoDaysFromToday(-20));
  await form.getByLabel("L4-L5").check();
  await form.getByRole("radio", { name: "Bilateral" }).check();
  await form.getByRole("radio", { name: "Local", exact: true }).check();
  await form.getByRole("button", { name: "Save procedure" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("MILD procedure");
  await expect(page.getByText(physicianName).first()).toBeVisible();

  await signInAs(page, "quality@example.org");
  await page.goto("/audit");
  const row = page
    .getByRole("row")
    .filter({ hasText: COORDINATOR })
    .filter({ hasText: /on behalf of physician\d+@example\.org/ });
  await expect(row.first()).toBeVisible();
});
