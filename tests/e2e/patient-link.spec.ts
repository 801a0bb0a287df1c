import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { startSmtpSink, type SmtpSink } from "../support/smtpSink";
import { addDaysIso, displayDate } from "@/lib/outcomes/dates";
import { fillNewAssessment, fillNewPatient, fillNewProcedure, isoDaysFromToday, savePatient, saveProcedure, signInAs } from "./support";

/**
 * The patient answers from a link, end to end, with a real SMTP server: the physician turns a patient on
 * (email and consent on the patient form), sends the 2-week questionnaire and a diary day from the procedure
 * page; the cron command (`npm run messages:send`) delivers them to an SMTP server inside the test; the test
 * reads the links from the received mail (mailparser), answers on a 360 px phone — the diary day with
 * JavaScript off — and the physician then sees the patient's assessment, the diary and the exact relief day.
 */
test.describe.configure({ mode: "serial" });

const PHONE = { width: 360, height: 740 };
const email = `e2e.patient.${Date.now()}@example.org`;
const name = "Winifred Linkanswer";
const DIARY_DAY = 10;
let sink: SmtpSink;
let procedureUrl = "";
let procedureDate = "";
const links: Record<string, string> = {};

test.beforeAll(async () => {
  sink = await startSmtpSink();
});
test.afterAll(async () => {
  await sink.close();
});

/**
 * One pass of the cron command against the e2e server's database, delivering to the test's SMTP server. Run
 * asynchronously: the SMTP server lives in this worker's event loop, which a synchronous spawn would block.
 */
async function sendMessages(info: TestInfo) {
  const metadata = info.config.metadata as { databaseUrl?: string; databasePath?: string };
  const run = promisify(execFile);
  const result = await run("npx", ["tsx", "--conditions=react-server", "scripts/send-messages.ts"], {
    env: {
      ...process.env,
      SMTP_URL: sink.url({ query: "requireTLS=false" }),
      MAIL_FROM: "Spine Clinic <outcomes@clinic.example>",
      // Links the cron's own scheduler pass writes point at the e2e server, like those the server queued.
      APP_URL: String(info.project.use.baseURL),
      DATABASE_PATH: metadata.databasePath ?? "data/e2e/mild-e2e.db",
      ...(metadata.databaseUrl ? { DATABASE_URL: metadata.databaseUrl } : {}),
    },
    encoding: "utf8",
    timeout: 120_000,
  }).catch((error: { stdout?: string; stderr?: string; message: string }) => ({ failed: `${error.message}\n${error.stdout ?? ""}\n${error.stderr ?? ""}` }));
  expect("failed" in result ? result.failed : "", "the cron command exits 0").toBe("");
}

async function answerScale(page: Page, legend: RegExp, value: string) {
  await page.getByRole("group", { name: legend }).getByRole("radio", { name: value, exact: true }).check();
}

test("the physician turns the patient on and sends the 2-week questionnaire and a diary day", async ({ page }) => {
  await signInAs(page, "physician1@example.org");
  const form = await fillNewPatient(page, { mrn: `LINK-${Date.now()}`, name, dateOfBirth: "1948-02-03" });
  await form.getByLabel(/^Email address/).fill(email);
  await form.getByRole("radio", { name: "Email", exact: true }).check();
  await expect(form.getByText(/I agree that the clinic may send me short questionnaires/)).toBeVisible();
  await form.getByLabel(/consents to be contacted/).check();
  await savePatient(page, form, name);

  procedureDate = isoDaysFromToday(-DIARY_DAY);
  await saveProcedure(page, await fillNewProcedure(page, procedureDate));
  procedureUrl = new URL(page.url()).pathname;

  const assessment = await fillNewAssessment(page, { assessedOn: isoDaysFromToday(-DIARY_DAY - 3), timepoint: "baseline", back: "8", leg: "7" });
  await assessment.getByRole("button", { name: "Save assessment" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("MILD procedure");

  const send = page.locator("#send-invitation");
  for (const option of ["2 weeks questionnaire", `Diary day ${DIARY_DAY}`]) {
    await send.getByLabel("Questionnaire").selectOption({ label: option });
    await send.getByRole("button", { name: "Send now by email" }).click();
    await expect(page.locator("#send-invitation").getByRole("status")).toContainText("Queued");
  }
  const invitations = page.getByRole("region", { name: "Patient-reported: invitations and diary" });
  await expect(invitations.getByRole("row", { name: /2 weeks questionnaire/ })).toContainText("Sent");
  await expect(invitations.getByRole("row", { name: new RegExp(`Diary day ${DIARY_DAY}`) })).toContainText("Sent");
});

test("the cron command delivers both messages to the SMTP server, each with its own link and an opt-out link", async ({ request }, info) => {
  test.setTimeout(150_000);
  await sendMessages(info);
  const mine = sink.received.filter((r) => r.envelopeTo.includes(email));
  const followUps = mine.filter(({ mail }) => mail.subject?.startsWith("A short questionnaire"));
  const diaries = mine.filter(({ mail }) => mail.subject?.startsWith("How is your back today"));
  expect(followUps).toHaveLength(1);
  // The cron's own scheduler pass also sends the diary day due now on the site's clock: in the site's daytime
  // before 18:00 that is day 9 (due from its evening until day 10's), so one more diary message, never more.
  expect(diaries.length).toBeGreaterThanOrEqual(1);
  expect(diaries.length).toBeLessThanOrEqual(2);
  expect(mine).toHaveLength(followUps.length + diaries.length);
  const linkOf = (text: string) => {
    expect(text).toContain("Dear Winifred");
    expect(text).not.toContain("Linkanswer");
    const link = /(http:\/\/localhost:\d+\/q\/[A-Za-z0-9_-]{43})\s/.exec(text)?.[1];
    expect(link, text).toBeTruthy();
    expect(text).toContain(`${link}/opt-out`);
    return link!;
  };
  links.followUp = linkOf(followUps[0]!.mail.text ?? "");
  // The diary page names the day it asks about: the physician's day 10 is the one whose page carries its date.
  const diaryDate = displayDate(addDaysIso(procedureDate, DIARY_DAY));
  for (const { mail } of diaries) {
    const link = linkOf(mail.text ?? "");
    const page = await request.get(link);
    expect(page.status()).toBe(200);
    if ((await page.text()).includes(`today, ${diaryDate}`)) links.diary = link;
  }
  expect(links.diary, `a diary message for ${diaryDate}`).toBeTruthy();
});

test("the patient answers the 2-week questionnaire on a 360 px phone, with no sideways scroll", async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const response = await page.goto(links.followUp!);
  expect(response!.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Hello Winifred");
  await expect(page.getByText(/Worst pain imaginable/).first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await page.screenshot({ path: "reports/screenshots/questionnaire-follow-up-360.png", fullPage: true });

  await answerScale(page, /How bad is the pain in your back/, "2");
  await answerScale(page, /How bad is the pain in your legs/, "1");
  for (const section of ["Pain intensity", "Personal care", "Lifting", "Walking", "Sitting", "Standing", "Sleeping", "Sex life", "Social life", "Travelling"])
    await page
      .getByRole("group", { name: new RegExp(`^${section}`) })
      .getByRole("radio")
      .nth(1)
      .check();
  await page.getByLabel(/How long can you walk/).fill("30");
  await page.getByLabel(/How long can you stand/).fill("20");
  await answerScale(page, /describe the change/, "Much improved");
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.getByRole("status")).toContainText("Your answers have reached");
  // The same link afterwards: received, thank you.
  await page.goto(links.followUp!);
  await expect(page.getByRole("status")).toContainText("We already have these answers");
  await context.close();
});

test("the diary day works with JavaScript off: a refused send keeps the answers and says why, then it is received", async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(links.diary!);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Your back and legs today");
  await answerScale(page, /How bad is the pain in your back/, "1");
  await page.getByRole("button", { name: "Send my answers" }).click();
  const summary = page.locator("#q-summary");
  await expect(summary).toHaveAttribute("role", "alert");
  await expect(summary).toContainText("Please check 2 answers");
  const legs = page.getByRole("group", { name: /How bad is the pain in your legs/ });
  await expect(legs).toHaveAttribute("aria-describedby", /nprsLeg-error/);
  await expect(page.getByRole("group", { name: /How bad is the pain in your back/ }).getByRole("radio", { name: "1", exact: true })).toBeChecked();
  await page.screenshot({ path: "reports/screenshots/questionnaire-diary-refused-360.png", fullPage: true });
  await answerScale(page, /How bad is the pain in your legs/, "1");
  await answerScale(page, /describe the change/, "Very much improved");
  await page.getByRole("button", { name: "Send my answers" }).click();
  await expect(page.getByRole("status")).toContainText("Your answers have reached");
  await context.close();
});

test("a wrong or altered link shows the same neutral page with the same status", async ({ page }) => {
  const real = links.diary!;
  const altered = real.slice(0, -1) + (real.endsWith("A") ? "B" : "A");
  for (const url of [altered, real.slice(0, -5), `${new URL(real).origin}/q/nothing`]) {
    const response = await page.goto(url);
    expect(response!.status()).toBe(404);
    await expect(page.getByText("This link cannot be used.")).toBeVisible();
  }
});

test("the physician sees the patient's assessment, the diary and the exact relief day", async ({ page }) => {
  await signInAs(page, "physician1@example.org");
  await page.goto(procedureUrl);
  const assessments = page.getByRole("region", { name: "Assessments", exact: true });
  await expect(assessments.getByRole("row", { name: /2 weeks/ })).toContainText("Patient (link)");
  const reported = page.getByRole("region", { name: "Patient-reported: invitations and diary" });
  await expect(reported.getByRole("row", { name: new RegExp(`^${DIARY_DAY}\\b`) })).toContainText("Very much improved");
  await expect(reported.getByText(`Relief on day ${DIARY_DAY} (exact, from the patient's diary)`)).toBeVisible();
  await expect(reported.getByRole("row", { name: /2 weeks questionnaire/ })).toContainText("Completed");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "reports/screenshots/procedure-patient-reported.png", fullPage: true });
});

test("the dashboard says where relief days come from and how often patients answer, each with its count", async ({ page }) => {
  await signInAs(page, "physician1@example.org");
  await page.goto("/outcomes");
  const relief = page.getByRole("region", { name: "Time to symptom relief" });
  await expect(relief.getByText(/Relief days: [\d,]+ from the patient's diary \(the exact day\)/)).toBeVisible();
  await expect(relief.getByText(/Visit-only data, interval-censored \(Turnbull's estimate, n = [\d,]+ procedures/)).toBeVisible();
  const rates = page.getByRole("region", { name: "Patients answering from a link: response rates" });
  await expect(rates.getByText(/^Overall: [\d.]+ % \(95 % CI/)).toBeVisible();
  await expect(rates.getByRole("row", { name: /Relief diary \(days 1–14\) Email/ })).toContainText("%");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "reports/screenshots/dashboard-relief-and-response-rates.png", fullPage: true });
});
