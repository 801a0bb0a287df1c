import PDFDocument from "pdfkit";
import type { PhysicianReport } from "@/lib/dal/reports/physicianReport";
import { changesAppendix, complicationsAppendix, modelsAppendix } from "./physicianPdfAppendix";
import { type Doc, MARGIN, pdfText } from "./physicianPdfLayout";
import { summaryPage } from "./physicianPdfSummary";

/**
 * The physician report card drawn with pdfkit (its built-in Helvetica, so no font files): page 1 the summary with
 * the pooled practice beside each figure and the Kaplan–Meier curve drawn as vector lines, then the appendix (score
 * changes per timepoint, the complications with their adjudication, the risk models). Pure: the figures arrive
 * computed (lib/dal/reports/physicianReport.ts); this only words and draws them, with the dashboard's formatters.
 */

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
