/** The report card's page geometry and its three drawing primitives (heading, paragraph, summary-table row). */

export const MARGIN = 40;
export const PAGE = { width: 595.28, height: 841.89 };
export const RIGHT = PAGE.width - MARGIN;
const COLS = { label: MARGIN, mine: MARGIN + 150, pool: MARGIN + 350 };
const COL_WIDTH = { label: 145, mine: 195, pool: RIGHT - (MARGIN + 350) };

/**
 * Helvetica's built-in encoding (WinAnsi) has no ≥, ≤, − or ≈: they would print as nothing or as another glyph, so
 * they are written out in the characters it has.
 */
const NOT_IN_WINANSI: Record<string, string> = { "≥": ">=", "≤": "<=", "−": "-", "≈": "~", "→": "->", "\u202f": " ", "\u2009": " ", κ: "kappa" };
export const pdfText = (s: string): string => s.replace(/[≥≤−≈→\u202f\u2009κ]/g, (c) => NOT_IN_WINANSI[c] ?? c);

export type Doc = PDFKit.PDFDocument;

export function heading(doc: Doc, text: string, size = 13) {
  doc
    .moveDown(0.6)
    .font("Helvetica-Bold")
    .fontSize(size)
    .text(pdfText(text), MARGIN, doc.y, { width: RIGHT - MARGIN });
  doc.font("Helvetica").fontSize(9);
}

export function paragraph(doc: Doc, text: string, size = 9) {
  doc
    .font("Helvetica")
    .fontSize(size)
    .text(pdfText(text), MARGIN, doc.y, { width: RIGHT - MARGIN });
}

/** A row of the summary table: label, this physician, the pooled practice; the tallest cell sets the next row. */
export function row(doc: Doc, label: string, mine: string, pool: string, bold = false) {
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
