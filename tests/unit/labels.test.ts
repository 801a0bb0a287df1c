import { describe, expect, it } from "vitest";
import { CONTACT_OUTCOMES, DIAGNOSES } from "@/db/enums";
import { CONTACT_OUTCOME_LABELS, DIAGNOSIS_LABELS, labelledOptions } from "@/lib/labels";

describe("labelledOptions", () => {
  it("offers every stored code, in the codes' order, with the words the screens show for it", () => {
    const options = labelledOptions(DIAGNOSES, DIAGNOSIS_LABELS);
    expect(options.map((o) => o.value)).toEqual([...DIAGNOSES]);
    for (const o of options) expect(o.label).toBe(DIAGNOSIS_LABELS[o.value]);
  });

  it("offers only the codes it is given, so a filter can list a subset", () => {
    const some = CONTACT_OUTCOMES.slice(0, 2);
    expect(labelledOptions(some, CONTACT_OUTCOME_LABELS)).toEqual(some.map((value) => ({ value, label: CONTACT_OUTCOME_LABELS[value] })));
  });
});
