import PDFDocument from "pdfkit";
import { COMPLICATION_TYPE_LABELS, RELATEDNESS_LABELS, ADJUDICATION_LABELS, TIMEPOINT_LABELS } from "@/lib/labels";
import { formatCount, formatRateWithCi } from "@/lib/format/numbers";
import { displayDate } from "@/lib/outcomes/dates";
import { mcidPreset } from "@/lib/outcomes/mcid";
import { outcomeFiltersToParams } from "@/lib/outcomes/outcomeFilters";
import type { OutcomeSummary, ReliefCurve } from "@/lib/outcomes/outcomeSummary";
import { pEquals, verdictText } from "@/lib/outcomes/verdict";
import type { PhysicianReport } from "@/lib/dal/reports/physicianReport";

/**
 * The physician report card drawn with pdfkit (its built-in Helvetica, so no font files): page 1 the summary with
 * the pooled practice beside each figure and the Kaplan–Meier curve drawn as vector lines, then the appendix (score
 * changes per timepoint, the complications with their adjudication, the risk models). Pure: the figures arrive
 * computed (lib/dal/reports/physicianReport.ts); this only words and draws them, with the dashboard's formatters.
 */

const MARGIN = 40;
const PAGE = { width: 595.28, height: 841.89 };
const RIGHT = PAGE.width - MARGIN;
const COLS = { label: MARGIN, mine: MARGIN + 150, pool: MARGIN + 350 };
const COL_WIDTH = { label: 145, mine: 195, pool: RIGHT - (MARGIN + 350) };

/**
 * Helvetica's built-in encoding (WinAnsi) has no ≥, ≤, − or ≈: they would print as nothing or as another glyph, so
 * they are written out in the characters it has.
 */
const NOT_IN_WINANSI: Record<string, string> = { "≥": ">=", "≤": "<=", "−": "-", "≈": "~", "→": "->", "\u202f": " ", "\u2009": " ", κ: "kappa" };
export const pdfText = (s: string): string => s.replace(/[≥≤−≈→\u202f\u2009κ]/g, (c) => NOT_IN_WINANSI[c] ?? c);

const ci = (lower: number | null, upper: number | null, unit = "") =>
  lower === null || upper === null ? "CI not estimable" : `95 % CI ${lower.toFixed(2)} to ${upper.toFixed(2)}${unit}`;

/** `12 / 40 (30 %, 95 % CI 17–47 %)`, or what stands in for it with no denominator. */
function rateText(events: number, n: number, rate: { estimate: number; lower: number; upper: number } | null): string {
  return rate ? formatRateWithCi(events, n, rate) : `${formatCount(events)} / ${formatCount(n)} (no procedures)`;
}

export function medianText(r: OutcomeSummary["relief"]): string {
  if (r.tooFew) return `too few to estimate (n = ${formatCount(r.n)})`;
  if (r.median === null) return `median not reached (n = ${formatCount(r.n)}, ${formatCount(r.events)} relieved)`;
  const lo = r.medianLower === null ? "not reached" : formatCount(r.medianLower);
  const hi = r.medianUpper === null ? "not reached" : formatCount(r.medianUpper);
  return `median ${formatCount(r.median)} days (95 % CI ${lo}–${hi}), n = ${formatCount(r.n)}, ${formatCount(r.events)} relieved`;
}

export function followUpText(s: OutcomeSummary): string {
  const f = s.followUp.find((x) => x.timepoint === "month_12");
  if (!f) return "no 12-month follow-up";
  return f.rate ? formatRateWithCi(f.done, f.eligible, f.rate) : `${formatCount(f.done)} / ${formatCount(f.eligible)} (none due yet)`;
}

export function responderText(s: OutcomeSummary): string {
  const r = s.responders.find((x) => x.preset.id === s.mcid)?.result ?? null;
  if (!r) return "no patient with baseline and 12-month scores";
  return formatRateWithCi(r.responders, r.n, { estimate: r.rate, lower: r.lower, upper: r.upper });
}

export function complicationText(s: OutcomeSummary): string {
  const c = s.complications;
  return rateText(c.events, c.procedures, c.rate === null ? null : { estimate: c.rate, lower: c.ciLower!, upper: c.ciUpper! });
}

export function allGradeText(s: OutcomeSummary): string {
  const a = s.complications.allGrade;
  return rateText(a.events, a.procedures, a.rate);
}

const sentence = (s: string) => s.trim().replace(/[.;:]+$/, "");

/** "too few events to adjust" (the quality page's words) and why, without saying it twice. */
function notFittedText(m: PhysicianReport["adjusted"]["complication"]["model"]): string {
  const why = m.reason ? sentence(m.reason.replace(/^too few events to adjust[:;,.]?\s*/i, "")) : sentence(m.rule);
  return m.status === "too-few-events" ? `too few events to adjust: ${why}` : `not adjusted: ${why}`;
}

export function observedExpectedText(model: PhysicianReport["adjusted"]["complication"]): string {
  if (model.model.status !== "fitted") return notFittedText(model.model);
  const r = model.row;
  if (!r) return "no procedures in the model";
  return `O/E ${r.ratio.toFixed(2)} (95 % CI ${r.lower.toFixed(2)}–${r.upper.toFixed(2)}, ${pEquals(r.pValue)}): observed ${formatCount(r.observed)}, expected ${r.expected.toFixed(1)}, n = ${formatCount(r.n)}`;
}

export function cusumText(c: PhysicianReport["cusum"]): string {
  const state =
    c.firstSignal !== null
      ? `signalled at procedure ${formatCount(c.firstSignal)} (${displayDate(c.firstSignalDate!)})`
      : c.lastScore > 0
        ? "no signal"
        : "no signal (score at 0)";
  return `${state}; score now ${c.lastScore.toFixed(2)}, highest ${c.maxScore.toFixed(2)}, limit h = ${c.threshold} (odds ratio ${c.oddsRatio} against 0.1 %); ${formatCount(c.events)} events in ${formatCount(c.procedures)} procedures`;
}

type Doc = PDFKit.PDFDocument;

function heading(doc: Doc, text: string, size = 13) {
  doc
    .moveDown(0.6)
    .font("Helvetica-Bold")
    .fontSize(size)
    .text(pdfText(text), MARGIN, doc.y, { width: RIGHT - MARGIN });
  doc.font("Helvetica").fontSize(9);
}

function paragraph(doc: Doc, text: string, size = 9) {
  doc
    .font("Helvetica")
    .fontSize(size)
    .text(pdfText(text), MARGIN, doc.y, { width: RIGHT - MARGIN });
}

/** A row of the summary table: label, this physician, the pooled practice; the tallest cell sets the next row. */
function row(doc: Doc, label: string, mine: string, pool: string, bold = false) {
  if (doc.y > PAGE.height - MARGIN - 40) doc.addPage();
  const y = doc.y;
  doc.font("Helvetica-Bold").fontSize(8.5);
  const h1 = doc.heightOfString(pdfText(label), { width: COL_WIDTH.label });
  doc.text(pdfText(label), COLS.label, y, { width: COL_WIDTH.label });
  doc.font(bold ? "Helvetica-Bold" : "Helvetica");
  const h2 = doc.heightOfString(pdfText(mine), { width: COL_WIDTH.mine });
  doc.text(pdfText(mine), COLS.mine, y, { width: COL_WIDTH.mine });
  doc.font("Helvetica");
  const h3 = doc.heightOfString(pdfText(pool), { width: COL_WIDTH.pool });
  doc.text(pdfText(pool), COLS.pool, y, { width: COL_WIDTH.pool });
  const bottom = y + Math.max(h1, h2, h3) + 4;
  doc
    .moveTo(MARGIN, bottom - 2)
    .lineTo(RIGHT, bottom - 2)
    .lineWidth(0.3)
    .strokeColor("#bbbbbb")
    .stroke();
  doc.y = bottom;
}

/** Kaplan–Meier cumulative relief (1 − S) as steps, this physician solid, the pool dashed; axes in days and %. */
function drawReliefCurve(doc: Doc, mine: ReliefCurve | null, pool: ReliefCurve | null, top: number) {
  const box = { x: MARGIN + 35, y: top, w: 300, h: 130 };
  const maxDay = Math.max(30, ...[mine, pool].flatMap((c) => (c ? c.points.map((p) => p.day) : [])));
  const sx = (d: number) => box.x + (d / maxDay) * box.w;
  const sy = (v: number) => box.y + box.h - v * box.h;
  doc.lineWidth(0.6).strokeColor("#000000");
  doc
    .moveTo(box.x, box.y)
    .lineTo(box.x, box.y + box.h)
    .lineTo(box.x + box.w, box.y + box.h)
    .stroke();
  doc.font("Helvetica").fontSize(7).fillColor("#000000");
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    doc.text(`${v * 100} %`, box.x - 33, sy(v) - 3, { width: 30, align: "right", lineBreak: false });
    doc
      .moveTo(box.x - 2, sy(v))
      .lineTo(box.x, sy(v))
      .stroke();
  }
  const step = maxDay > 200 ? 60 : maxDay > 60 ? 30 : 7;
  for (let d = 0; d <= maxDay; d += step) doc.text(String(d), sx(d) - 10, box.y + box.h + 3, { width: 20, align: "center", lineBreak: false });
  doc.text("days since the procedure", box.x, box.y + box.h + 13, { width: box.w, align: "center", lineBreak: false });
  const stepLine = (curve: ReliefCurve, colour: string, dash: boolean) => {
    doc.lineWidth(1.2).strokeColor(colour);
    if (dash) doc.dash(3, { space: 2 });
    let prev = curve.points[0];
    doc.moveTo(sx(prev.day), sy(prev.relieved));
    for (const p of curve.points.slice(1)) {
      doc.lineTo(sx(p.day), sy(prev.relieved)).lineTo(sx(p.day), sy(p.relieved));
      prev = p;
    }
    doc.stroke();
    doc.undash();
  };
  if (pool) stepLine(pool, "#888888", true);
  if (mine) stepLine(mine, "#1f4e9a", false);
  const lx = box.x + box.w + 15;
  doc.fontSize(7.5).fillColor("#000000");
  doc
    .lineWidth(1.2)
    .strokeColor("#1f4e9a")
    .moveTo(lx, box.y + 10)
    .lineTo(lx + 20, box.y + 10)
    .stroke();
  doc.text(mine ? "This physician" : "This physician: too few to draw", lx + 25, box.y + 6, { width: 140 });
  doc
    .strokeColor("#888888")
    .dash(3, { space: 2 })
    .moveTo(lx, box.y + 26)
    .lineTo(lx + 20, box.y + 26)
    .stroke()
    .undash();
  doc.text(pool ? "Rest of the practice (pooled)" : "Pool: too few to draw", lx + 25, box.y + 22, { width: 140 });
  doc.strokeColor("#000000");
  doc.y = box.y + box.h + 28;
}

function summaryPage(doc: Doc, r: PhysicianReport) {
  const s = r.summary;
  const p = r.pool?.summary ?? null;
  const none = "no other physician in the view";
  doc
    .font("Helvetica-Bold")
    .fontSize(17)
    .text(pdfText(`Physician report card: ${r.physician.name}`), MARGIN, MARGIN, { width: RIGHT - MARGIN });
  doc
    .font("Helvetica")
    .fontSize(10)
    .text(pdfText(`Period: ${displayDate(r.from)} to ${displayDate(r.to)} (procedure dates ${r.from} to ${r.to})`), { width: RIGHT - MARGIN });
  const extra = outcomeFiltersToParams({ ...r.filters, physician: undefined, from: undefined, to: undefined }).toString();
  paragraph(doc, `Generated on ${displayDate(r.generatedOn)} by MILD Outcomes. De-identified: no patient names, record numbers or dates of birth.`);
  paragraph(doc, `Complication definition: ${s.complications.description}.`);
  paragraph(doc, `Relief: ${s.relief.criterion.description}. Responder rule: ${mcidPreset(r.view.mcid).label}, baseline to the 12-month visit.`);
  paragraph(doc, `Further filters: ${extra ? decodeURIComponent(extra.replace(/\+/g, " ")) : "none"}. Every rate with its exact (Clopper-Pearson) 95 % CI.`);
  doc.moveDown(0.5);
  row(doc, "", "This physician", r.pool ? `Rest of the practice (${formatCount(r.pool.physicians)} physicians, pooled)` : "Rest of the practice", true);
  row(
    doc,
    "Volume",
    `${formatCount(s.procedures)} procedures, ${formatCount(s.patients)} patients`,
    p ? `${formatCount(p.procedures)} procedures, ${formatCount(p.patients)} patients` : none,
  );
  row(doc, "Follow-up completeness at 12 months (done / due)", followUpText(s), p ? followUpText(p) : none);
  row(doc, "Time to relief (Kaplan-Meier)", medianText(s.relief), p ? medianText(p.relief) : none);
  row(doc, `Responders at 12 months (${mcidPreset(r.view.mcid).label})`, responderText(s), p ? responderText(p) : none);
  row(doc, "Complications under the definition", complicationText(s), p ? complicationText(p) : none);
  row(doc, "Verdict against the published < 0.1 %", verdictText(s.complications), p ? verdictText(p.complications) : none);
  row(doc, "All-grade complications (beside it)", allGradeText(s), p ? allGradeText(p) : none);
  row(
    doc,
    "Risk-adjusted complications (observed / expected)",
    observedExpectedText(r.adjusted.complication),
    "the reference: the model is fitted on the whole practice",
  );
  row(doc, "Risk-adjusted responders at 12 months", observedExpectedText(r.adjusted.responder), "the reference: the model is fitted on the whole practice");
  row(doc, "Bernoulli CUSUM (complications)", cusumText(r.cusum), "not applicable (one physician's sequence)");
  paragraph(
    doc,
    s.complications.allGrade.sameAsDefinition
      ? "The definition already counts every grade."
      : `Why the two counts differ: ${s.complications.allGrade.difference}`,
    7.5,
  );
  heading(doc, "Time to relief: cumulative proportion relieved", 10);
  drawReliefCurve(doc, s.relief.curve, p?.relief.curve ?? null, doc.y + 4);
}

function changesAppendix(doc: Doc, r: PhysicianReport) {
  heading(doc, "A. Score changes from baseline, per timepoint (paired; mean change with its t 95 % CI)");
  for (const t of r.changes) {
    doc.moveDown(0.3).font("Helvetica-Bold").fontSize(9).text(pdfText(TIMEPOINT_LABELS[t.timepoint]), MARGIN, doc.y);
    for (const c of t.rows) {
      const text = c.change
        ? `n = ${formatCount(c.change.n)}: ${c.baselineMean!.toFixed(1)} -> ${c.followUpMean!.toFixed(1)}, change ${c.change.meanChange.toFixed(2)} (${ci(c.change.ciLower, c.change.ciUpper)})${c.change.pValue === null ? "" : `, ${pEquals(c.change.pValue)}`}`
        : "no patient with both scores";
      row(doc, `${c.measure.label}`, text, c.measure.unit);
    }
  }
}

function complicationsAppendix(doc: Doc, r: PhysicianReport) {
  heading(doc, "B. Complication reports and their adjudication (de-identified)");
  paragraph(
    doc,
    `${formatCount(r.complications.length)} reports on this physician's procedures in the period; "counts" = under the definition above. Procedure references are the de-identified export's; dates are the procedure year and days from the procedure to onset.`,
    8,
  );
  if (r.complications.length === 0) return;
  doc.moveDown(0.3);
  const cols = [MARGIN, MARGIN + 105, MARGIN + 140, MARGIN + 180, MARGIN + 300, MARGIN + 340, MARGIN + 420, MARGIN + 480];
  const header = ["Procedure", "Year", "Day", "Type", "Grade", "Relatedness", "Status", "Counts"];
  const line = (cells: string[], bold: boolean) => {
    if (doc.y > PAGE.height - MARGIN - 20) doc.addPage();
    const y = doc.y;
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(7.5);
    let h = 0;
    cells.forEach((cell, i) => {
      const w = (cols[i + 1] ?? RIGHT) - cols[i] - 4;
      h = Math.max(h, doc.heightOfString(pdfText(cell), { width: w }));
      doc.text(pdfText(cell), cols[i], y, { width: w });
    });
    doc.y = y + h + 2;
  };
  line(header, true);
  for (const c of r.complications) {
    const grade = c.grade === c.reportedGrade ? String(c.grade) : `${c.grade} (reported ${c.reportedGrade})`;
    const label = (k: string, labels: Record<string, string>) => labels[k] ?? k;
    const rel =
      c.relatedness === c.reportedRelatedness
        ? label(c.relatedness, RELATEDNESS_LABELS)
        : `${label(c.relatedness, RELATEDNESS_LABELS)} (reported ${label(c.reportedRelatedness, RELATEDNESS_LABELS)})`;
    line(
      [
        c.procedureRef,
        c.procedureYear,
        String(c.onsetDay),
        `${label(c.type, COMPLICATION_TYPE_LABELS)}${c.serious ? " (serious)" : ""}`,
        grade,
        rel,
        label(c.status, ADJUDICATION_LABELS),
        c.inDefinition ? "yes" : "no",
      ],
      false,
    );
  }
}

function modelsAppendix(doc: Doc, r: PhysicianReport) {
  heading(doc, "C. Risk models (fitted on the whole practice under these filters)");
  paragraph(doc, `${formatCount(r.adjusted.poolProcedures)} procedures in the practice under the filters.`, 8);
  for (const m of [r.adjusted.complication.model, r.adjusted.responder.model, r.adjusted.odiChange.model]) {
    doc
      .moveDown(0.4)
      .font("Helvetica-Bold")
      .fontSize(9)
      .text(pdfText(`${m.title}: ${m.methodText}`), MARGIN, doc.y, { width: RIGHT - MARGIN });
    paragraph(
      doc,
      `Outcome: ${sentence(m.outcomeText)}. n = ${formatCount(m.n)}${m.events === null ? "" : `, events = ${formatCount(m.events)}`}. Rule: ${sentence(m.rule)}.` +
        (m.status === "fitted"
          ? `${m.cStatistic === null ? "" : ` c-statistic ${m.cStatistic.toFixed(3)}.`}${m.rSquared === null ? "" : ` R squared ${m.rSquared.toFixed(3)}.`}`
          : ` Not fitted (${notFittedText(m)}); the raw comparison only.`),
      8,
    );
    if (m.calibration?.length)
      paragraph(
        doc,
        `Observed / expected by tenth of predicted risk (lowest first): ${m.calibration.map((c) => `${formatCount(c.observed)}/${c.expected.toFixed(1)} (n = ${formatCount(c.n)})`).join(", ")}.`,
        7.5,
      );
    if (m.dropped.length) paragraph(doc, `Left out: ${m.dropped.map((d) => `${d.label} (${sentence(d.reason)})`).join("; ")}.`, 7.5);
    for (const c of m.coefficients) {
      const text = c.oddsRatio
        ? `odds ratio ${c.oddsRatio.estimate.toFixed(2)} (95 % CI ${c.oddsRatio.lower.toFixed(2)}–${c.oddsRatio.upper.toFixed(2)})`
        : `${c.estimate.toFixed(2)} points (95 % CI ${c.lower.toFixed(2)} to ${c.upper.toFixed(2)})`;
      row(doc, c.label, text, `SE ${c.standardError.toFixed(3)}`);
    }
  }
}

/** The report card as a pdfkit document (a readable stream of the PDF's bytes); ended, so it can be piped. */
export function physicianReportPdf(r: PhysicianReport): Doc {
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    info: {
      Title: `Physician report card: ${r.physician.name}, ${r.from} to ${r.to}`,
      Author: "MILD Outcomes",
      Subject: "Ongoing professional practice evaluation",
    },
  });
  summaryPage(doc, r);
  doc.addPage();
  doc
    .font("Helvetica-Bold")
    .fontSize(14)
    .text(pdfText(`Appendix: ${r.physician.name}, ${r.from} to ${r.to}`), MARGIN, MARGIN);
  changesAppendix(doc, r);
  complicationsAppendix(doc, r);
  modelsAppendix(doc, r);
  doc.end();
  return doc;
}

/** The whole PDF in memory (a report card is tens of kilobytes). */
export async function physicianReportPdfBytes(r: PhysicianReport): Promise<Buffer> {
  const doc = physicianReportPdf(r);
  const chunks: Buffer[] = [];
  for await (const chunk of doc) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
