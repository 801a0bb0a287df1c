/**
 * Keyboard only: signing in, entering a new patient, their procedure and an assessment, and adjudicating a
 * complication are done here with Tab, the arrow keys, Space, Enter and typing — no clicks — so every control on
 * those paths is reachable in order and operable without a mouse.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO_PASSWORD, signInAs, isoDaysFromToday } from "./support";

/** Presses Tab until `target` has focus (proving it is reachable by keyboard), failing after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 150) {
  const handle = await target.elementHandle();
  expect(handle, "the control exists").not.toBeNull();
  for (let i = 0; i < max; i++) {
    if (await handle!.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`not reached with ${max} presses of Tab: ${await target.evaluate((el) => el.outerHTML.slice(0, 120))}`);
}

/** Tabs into a radio group, then moves with the arrow keys (which also select) to `option`. */
async function chooseRadio(page: Page, option: Locator) {
  const name = await option.getAttribute("name");
  const group = page.locator(`input[type="radio"][name="${name}"]`);
  for (let i = 0; i < 150; i++) {
    if (await group.evaluateAll((els) => els.includes(document.activeElement as HTMLInputElement))) break;
    await page.keyboard.press("Tab");
  }
  for (let i = 0; i < 20 && !(await option.isChecked()); i++) await page.keyboard.press("ArrowDown");
  await expect(option).toBeChecked();
}

/** Tabs to a link or button and presses Enter: following the link, or submitting its form. */
async function pressEnterOn(page: Page, target: Locator) {
  await tabTo(page, target);
  await page.keyboard.press("Enter");
}

/** Follows `link` with the keyboard to the page of the form named `formName`; that form, once shown. */
async function followToForm(page: Page, link: Locator, formName: string) {
  await pressEnterOn(page, link);
  const form = page.getByRole("form", { name: formName });
  await expect(form).toBeVisible();
  return form;
}

async function typeInto(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.type(text);
}

/** A date typed into the browser's date field as a person would (month, day, year on an en-US browser). */
async function typeDate(page: Page, field: Locator, iso: string) {
  await tabTo(page, field);
  const [y, m, d] = iso.split("-");
  await page.keyboard.type(`${m}${d}${y}`);
  await expect(field).toHaveValue(iso);
}

test.use({ locale: "en-US" });

test("signing in with the keyboard alone", async ({ page }) => {
  await page.goto("/login");
  await typeInto(page, page.getByLabel("Email"), "physician1@example.org");
  await typeInto(page, page.getByLabel("Password"), DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page).not.toHaveURL(/\/login/);
});

test("a new patient, their procedure and a baseline assessment entered with the keyboard alone", async ({ page }) => {
  test.setTimeout(90_000);
  await signInAs(page, "physician1@example.org");
  await page.goto("/patients/new");
  const patient = page.getByRole("form", { name: "Patient form" });
  await tabTo(page, patient.getByLabel("Site"));
  await page.keyboard.press("ArrowDown");
  await expect(patient.getByLabel("Site")).not.toHaveValue("");
  await typeInto(page, patient.getByLabel("Medical record number (MRN)"), `KBD-${Date.now()}`);
  await typeInto(page, patient.getByLabel("Full name"), "Keira Keyboard");
  await typeDate(page, patient.getByLabel(/^Date of birth/), "1948-06-21");
  await chooseRadio(page, patient.getByRole("radio", { name: "Female" }));
  await chooseRadio(page, patient.getByRole("radio", { name: /^Lumbar spinal stenosis/ }));
  await pressEnterOn(page, patient.getByRole("button", { name: "Save patient" }));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Keira Keyboard");

  const procedure = await followToForm(page, page.getByRole("link", { name: "New procedure for this patient" }), "Procedure form");
  await tabTo(page, procedure.getByLabel("Site"));
  await page.keyboard.press("ArrowDown");
  await typeDate(page, procedure.getByLabel(/^Procedure date/), isoDaysFromToday(-20));
  await tabTo(page, procedure.getByLabel("L4-L5"));
  await page.keyboard.press("Space");
  await expect(procedure.getByLabel("L4-L5")).toBeChecked();
  await chooseRadio(page, procedure.getByRole("radio", { name: "Bilateral" }));
  await chooseRadio(page, procedure.getByRole("radio", { name: "Local", exact: true }));
  await pressEnterOn(page, procedure.getByRole("button", { name: "Save procedure" }));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("MILD procedure");

  const assessment = await followToForm(page, page.getByRole("link", { name: "Add assessment" }), "Assessment form");
  await typeDate(page, assessment.getByLabel(/^Assessment date/), isoDaysFromToday(-22));
  await tabTo(page, assessment.getByLabel("Timepoint"));
  await page.keyboard.type("Baseline");
  await expect(assessment.getByLabel("Timepoint")).toHaveValue("baseline");
  await typeInto(page, assessment.getByLabel("NPRS back pain"), "7");
  await typeInto(page, assessment.getByLabel("NPRS leg pain"), "6");
  await pressEnterOn(page, assessment.getByRole("button", { name: "Save assessment" }));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("MILD procedure");
  await expect(page.getByRole("table").filter({ hasText: "Baseline" }).first()).toBeVisible();
});

test("a quality officer adjudicates a complication with the keyboard alone", async ({ page }) => {
  await signInAs(page, "quality@example.org");
  await page.goto("/quality/review?status=all");
  const table = page.getByRole("table", { name: "Reported complications to review" });
  await pressEnterOn(page, table.getByRole("row").nth(1).getByRole("link").first());
  await expect(page).toHaveURL(/\/quality\/review\/\d+$/);
  const form = page.getByRole("form", { name: "Adjudication decision" });
  await chooseRadio(page, form.getByLabel("Confirm"));
  await typeInto(page, form.getByLabel("Reason"), "Keyboard: discharge letter read, grade confirmed");
  await pressEnterOn(page, form.getByRole("button", { name: "Record decision" }));
  await expect(page.getByRole("status").filter({ hasText: "Decision recorded: confirmed." })).toBeVisible();
});
