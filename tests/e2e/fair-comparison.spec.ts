import { expect, test } from "@playwright/test";
import { signInAs } from "./support";

// Issue 18: the like-for-like verdict with the all-grade rate beside it, the risk-adjusted comparison and its
// models, on the demo seed (db/seed/demo.ts: physician1 is Dr. Amelia Hart).
const OTHER_PHYSICIANS = ["Dr. Rahul Mehta", "Dr. Sofia Lindqvist", "Dr. Victor Kane", "Dr. Nadia Petrova"];

test.describe("fair comparison", () => {
  test("a quality officer sees the like-for-like verdict with the all-grade rate beside it, the adjusted funnel and the models", async ({ page }) => {
    await signInAs(page, "quality@example.org");
    await page.goto("/quality");
    const funnel = page.getByRole("region", { name: "Complication rates by physician: funnel plot" });
    await expect(funnel).toContainText("Complication definition: serious events (Clavien–Dindo grade III or higher, death, or marked serious)");
    await expect(funnel.getByTestId("all-grade-rate")).toContainText(/All grades: \d+ \/ [\d,]+ \(.*95 % CI/);
    await expect(funnel.getByTestId("all-grade-rate")).toContainText("also counts minor events");

    const adjusted = page.getByRole("region", { name: "Risk-adjusted comparison" });
    await expect(adjusted).toBeVisible();
    // every model says what it is: method, n, and either its coefficients or why it was not fitted
    for (const outcome of ["complication", "responder", "odiChange"]) {
      const model = adjusted.getByTestId(`model-${outcome}`);
      await expect(model).toContainText(/n = [\d,]+/);
      await expect(model).toContainText(/Rule: at least \d+/);
    }
    // the like-for-like complications are rare: too few to adjust, said so, only the raw comparison
    await expect(adjusted.getByTestId("adjusted-complication")).toContainText("Too few events to adjust");
    // said once, not as a heading and again as the reason's first words
    const notAdjusted = await adjusted.getByTestId("adjusted-complication").innerText();
    expect(notAdjusted.match(/Too few events to adjust/g)).toHaveLength(1);
    await expect(adjusted.getByTestId("adjusted-complication")).toContainText(/Not adjusted\. Too few events to adjust: \d+ events? for \d+ covariates?/);
    // responders are common: an adjusted funnel with exact Poisson limits, a table of O/E per physician, the model's odds ratios
    const responders = adjusted.getByTestId("adjusted-responder");
    await expect(responders.getByRole("img", { name: /Risk-adjusted funnel plot of \d+ physicians/ })).toBeVisible();
    await expect(responders.getByRole("table", { name: /observed against expected per physician/ })).toContainText("O/E (95 % CI)");
    const responderModel = adjusted.getByTestId("model-responder");
    await expect(responderModel.getByRole("table", { name: /odds ratios/ })).toContainText("Age (per 10 years)");
    await expect(responderModel).toContainText(/c-statistic 0\.\d\d/);
    await expect(responderModel.getByRole("table", { name: /Calibration/ })).toContainText("Observed rate");
    await expect(responderModel.getByRole("img", { name: /Calibration of the responder at 12 months model/ })).toBeVisible();
    await expect(adjusted.getByTestId("model-odiChange").getByRole("table", { name: /β in ODI points/ })).toBeVisible();
  });

  test("a physician sees the like-for-like verdict and only their own adjusted row", async ({ page }) => {
    await signInAs(page, "physician1@example.org");
    await page.goto("/outcomes");
    const complications = page.getByRole("region", { name: "Complications against the published < 0.1 %" });
    await expect(complications).toContainText("serious events (Clavien–Dindo grade III or higher, death, or marked serious)");
    await expect(complications.getByTestId("all-grade-rate")).toContainText("All grades:");
    // the rule of three only with 0 events; with events it says what it takes given them
    const text = await complications.innerText();
    const events = Number(/^(\d+) \//m.exec(text)?.[1] ?? "NaN");
    if (events === 0) expect(text).toContain("With 0 events the upper bound is about 3/n");
    else expect(text).not.toContain("With 0 events");

    const mine = page.getByRole("region", { name: "Adjusted for case mix: observed against expected" });
    await expect(mine).toBeVisible();
    const rows = mine.getByTestId("my-adjusted-responder").getByRole("row");
    // header + one row: hers
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText("Dr. Amelia Hart");
    const all = await page.locator("main").innerText();
    for (const name of OTHER_PHYSICIANS) expect(all).not.toContain(name);
  });
});
