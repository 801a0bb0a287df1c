import { expect, type Locator, type Page } from "@playwright/test";
import { addDaysIso, todayIn } from "@/lib/outcomes/dates";

export const DEMO_PASSWORD = "mild-demo";

/** Signs in through next-auth's API rather than the form, so tests that are not about the form stay fast. */
export async function signInAs(page: Page, email: string, password = DEMO_PASSWORD) {
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });
  expect(response.ok()).toBeTruthy();
}

/**
 * The calendar date `days` from today (negative = in the past) as the date inputs take it: today on the server's
 * clock, which the test runner shares (the demo sites keep the server's zone), so "today" is never the server's
 * tomorrow late in a western evening.
 */
export function isoDaysFromToday(days: number): string {
  return addDaysIso(todayIn(), days);
}

/** Fills a date input by the start of its label (optional fields add "(optional)" to the label). */
export async function fillDate(page: Page, label: string, iso: string) {
  await page.getByLabel(new RegExp(`^${label}`)).fill(iso);
}

/**
 * Opens the new-patient form and fills what every patient needs (the first site offered, MRN, name, date of birth,
 * female, lumbar spinal stenosis); the caller fills anything more and saves with savePatient.
 */
export async function fillNewPatient(page: Page, patient: { mrn: string; name: string; dateOfBirth: string }): Promise<Locator> {
  await page.goto("/patients/new");
  const form = page.getByRole("form", { name: "Patient form" });
  await form.getByLabel("Site").selectOption({ index: 1 });
  await form.getByLabel("Medical record number (MRN)").fill(patient.mrn);
  await form.getByLabel("Full name").fill(patient.name);
  await fillDate(page, "Date of birth", patient.dateOfBirth);
  await form.getByRole("radio", { name: "Female" }).check();
  await form.getByRole("radio", { name: /^Lumbar spinal stenosis/ }).check();
  return form;
}

/** Saves the patient form and waits for the patient's page. */
export async function savePatient(page: Page, form: Locator, name: string) {
  await form.getByRole("button", { name: "Save patient" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
}

/**
 * From the patient's page, opens the new-procedure form and fills the usual procedure (the first site offered, the
 * date, L4-L5, bilateral, local anaesthesia); the caller fills anything more and saves with saveProcedure.
 */
export async function fillNewProcedure(page: Page, procedureDate: string): Promise<Locator> {
  await page.getByRole("link", { name: "New procedure for this patient" }).click();
  const form = page.getByRole("form", { name: "Procedure form" });
  await form.getByLabel("Site").selectOption({ index: 1 });
  await fillDate(page, "Procedure date", procedureDate);
  await form.getByLabel("L4-L5").check();
  await form.getByRole("radio", { name: "Bilateral" }).check();
  await form.getByRole("radio", { name: "Local", exact: true }).check();
  return form;
}

/** Saves the procedure form and waits for the procedure's page. */
export async function saveProcedure(page: Page, form: Locator) {
  await form.getByRole("button", { name: "Save procedure" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("MILD procedure");
}

/**
 * From the procedure's page, opens a new assessment and fills its date, timepoint and the two pain scores (as text,
 * so a test can type a bad one); the caller fills anything more and saves.
 */
export async function fillNewAssessment(page: Page, a: { assessedOn: string; timepoint: string; back: string; leg: string }): Promise<Locator> {
  await page.getByRole("link", { name: "Add assessment" }).click();
  const form = page.getByRole("form", { name: "Assessment form" });
  await fillDate(page, "Assessment date", a.assessedOn);
  await form.getByLabel("Timepoint").selectOption(a.timepoint);
  await form.getByLabel("NPRS back pain").fill(a.back);
  await form.getByLabel("NPRS leg pain").fill(a.leg);
  return form;
}
