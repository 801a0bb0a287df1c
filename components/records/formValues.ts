/**
 * Stored records as form values (strings; ticked checkboxes as "on", absent when unticked), the same shape
 * formDataToObject produces, so an edit form starts from the record and a refused one from what was typed.
 */
import { RISK_FACTORS } from "@/db/enums";
import type { Assessment, Complication, Patient, Procedure } from "@/db/schema";
import { hasActiveConsent } from "@/lib/outcomes/contactConsent";
import { ODI_SECTIONS } from "@/lib/outcomes/odi";
import type { FormValues } from "@/lib/validation/formData";

const text = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));

function withChecks(values: FormValues, checks: Record<string, boolean>): FormValues {
  for (const [k, on] of Object.entries(checks)) if (on) values[k] = "on";
  return values;
}

export function patientFormValues(p: Patient): FormValues {
  return withChecks(
    {
      siteId: text(p.siteId),
      mrn: p.mrn,
      name: p.name,
      dateOfBirth: p.dateOfBirth,
      sex: p.sex,
      diagnosis: p.diagnosis,
      email: text(p.email),
      mobile: text(p.mobile),
      preferredChannel: p.preferredChannel,
      language: p.language,
    },
    { ...Object.fromEntries(RISK_FACTORS.map((r) => [r, p[r]])), contactConsent: hasActiveConsent(p) },
  );
}

export function procedureFormValues(p: Procedure): FormValues {
  return withChecks(
    {
      patientId: text(p.patientId),
      siteId: text(p.siteId),
      procedureDate: p.procedureDate,
      levels: p.levels.split(",").filter(Boolean),
      side: p.side,
      anaesthesia: p.anaesthesia,
      deviceLot: text(p.deviceLot),
      priorTreatmentType: text(p.priorTreatmentType),
      priorTreatmentDate: text(p.priorTreatmentDate),
      notes: text(p.notes),
    },
    { priorTreatmentAcknowledged: p.priorTreatmentAcknowledged },
  );
}

export function assessmentFormValues(a: Assessment): FormValues {
  const values: FormValues = {
    procedureId: text(a.procedureId),
    timepoint: a.timepoint,
    assessedOn: a.assessedOn,
    nprsBack: text(a.nprsBack),
    nprsLeg: text(a.nprsLeg),
    odiMode: a.odiSections ? "sections" : "total",
    odi: a.odiSections ? "" : text(a.odi),
    walkingMinutes: text(a.walkingMinutes),
    standingMinutes: text(a.standingMinutes),
    reliefOnsetDate: text(a.reliefOnsetDate),
    pgic: text(a.pgic),
    outOfWindow: a.outOfWindow ? "on" : "",
    outOfWindowReason: text(a.outOfWindowReason),
  };
  if (a.odiSections) {
    let sections: (number | null)[] = [];
    try {
      sections = JSON.parse(a.odiSections) as (number | null)[];
    } catch {
      sections = [];
    }
    for (let i = 0; i < ODI_SECTIONS; i++) values[`odiS${i + 1}`] = text(sections[i]);
  }
  return values;
}

export function complicationFormValues(c: Complication): FormValues {
  return withChecks(
    {
      procedureId: text(c.procedureId),
      type: c.type,
      typeOther: text(c.typeOther),
      onsetDate: c.onsetDate,
      grade: text(c.grade),
      relatedness: c.relatedness,
      treatment: text(c.treatment),
      outcome: c.outcome,
    },
    { serious: c.serious },
  );
}
