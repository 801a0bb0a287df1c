import { COMPLICATION_TYPE_LABELS, RELATEDNESS_LABELS, ADJUDICATION_LABELS, TIMEPOINT_LABELS } from "@/lib/labels";
import { formatCount } from "@/lib/format/numbers";
import { pEquals } from "@/lib/outcomes/verdict";
import type { PhysicianReport } from "@/lib/dal/reports/physicianReport";
import { type Doc, heading, MARGIN, PAGE, paragraph, pdfText, RIGHT, row } from "./physicianPdfLayout";
import { ci, notFittedText, sentence } from "./physicianPdfText";

/** The report card's appendix: A score changes per timepoint, B complications and their adjudication, C the risk models. */

export function changesAppendix(doc: Doc, r: PhysicianReport) {
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

export function complicationsAppendix(doc: Doc, r: PhysicianReport) {
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

export function modelsAppendix(doc: Doc, r: PhysicianReport) {
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
