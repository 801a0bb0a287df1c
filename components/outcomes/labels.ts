/** Words for the stored codes on the outcomes screens. */
import type { ComplicationType } from "@/db/enums";
import type { RelatednessKind } from "@/lib/outcomes/complicationDefinition";

export const COMPLICATION_TYPE_LABELS: Record<ComplicationType, string> = {
  incision_discomfort: "Discomfort at the incision",
  temporary_numbness: "Temporary numbness",
  bleeding: "Bleeding",
  allergic_reaction: "Allergic reaction",
  spinal_nerve_damage: "Spinal nerve damage",
  infection: "Infection",
  dural_tear_csf_leak: "Dural tear / CSF leak",
  hematoma: "Hematoma",
  new_neurological_deficit: "New neurological deficit",
  readmission: "Readmission",
  reoperation: "Reoperation",
  death: "Death",
  other: "Other",
};

export const RELATEDNESS_TEXT: Record<RelatednessKind, string> = {
  device: "Device",
  procedure: "Procedure",
  anaesthesia: "Anaesthesia",
  unrelated: "Unrelated",
  unknown: "Unknown",
};
