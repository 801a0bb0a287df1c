"use client";

import { SelectField } from "./Field";

export type PhysicianChoice = { id: number; name: string };

/**
 * On a coordinator's forms: the physician the record is entered for (only the physicians of the coordinator's
 * sites are offered, and the data layer accepts no other). Physicians never see it: their records are their own.
 */
export function PhysicianField({ physicians, hint }: { physicians: PhysicianChoice[]; hint: string }) {
  return (
    <SelectField
      name="physicianId"
      label="Physician"
      hint={hint}
      placeholder="Choose a physician…"
      options={physicians.map((p) => ({ value: String(p.id), label: p.name }))}
    />
  );
}
