/**
 * Oswestry Disability Index from its 10 section answers (each 0–5): % = sum / (5 × answered sections) × 100.
 * At most one section may be unanswered (domain brief; Fairbank & Pynsent 2000); more makes the score invalid.
 */
export const ODI_SECTIONS = 10;
export const ODI_SECTION_LABELS = [
  "Pain intensity",
  "Personal care",
  "Lifting",
  "Walking",
  "Sitting",
  "Standing",
  "Sleeping",
  "Sex life",
  "Social life",
  "Travelling",
] as const;

export function scoreOdi(sections: readonly (number | null)[]): number {
  if (sections.length !== ODI_SECTIONS) throw new RangeError(`odiSections: expected ${ODI_SECTIONS} answers, got ${sections.length}`);
  const answered = sections.filter((s): s is number => s !== null);
  if (answered.length < ODI_SECTIONS - 1) throw new RangeError("odiSections: at most one section may be unanswered");
  for (const s of answered) if (!Number.isInteger(s) || s < 0 || s > 5) throw new RangeError("odiSections: each answer is a whole number from 0 to 5");
  const sum = answered.reduce((a, b) => a + b, 0);
  // Rounded to one decimal: with 9 sections the raw score is a repeating fraction (e.g. 44.444…).
  return Math.round((sum / (5 * answered.length)) * 1000) / 10;
}
