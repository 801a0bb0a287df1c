import { formatCount } from "@/lib/format/numbers";
import { displayDate } from "@/lib/outcomes/dates";
import { mcidPreset } from "@/lib/outcomes/mcid";
import { outcomeFiltersToParams } from "@/lib/outcomes/outcomeFilters";
import type { ReliefCurve } from "@/lib/outcomes/outcomeSummary";
import { verdictText } from "@/lib/outcomes/verdict";
import type { PhysicianReport } from "@/lib/dal/reports/physicianReport";
import { type Doc, heading, MARGIN, paragraph, pdfText, RIGHT, row } from "./physicianPdfLayout";
import { allGradeText, complicationText, cusumText, followUpText, medianText, observedExpectedText, responderText } from "./physicianPdfText";

/** Page 1 of the report card: the summary table, this physician beside the pooled practice, and the relief curve. */

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

export function summaryPage(doc: Doc, r: PhysicianReport) {
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
