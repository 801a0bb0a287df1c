/**
 * Minimal clinically important differences (domain brief): ODI improvement ≥ 10 points (MiDAS ENCORE's
 * responder rule), ≥ 15 points (FDA-style) or ≥ 30 %; NPRS improvement ≥ 2 points or ≥ 30 %. Lower scores are
 * better for both, so an improvement is baseline − follow-up. Each preset names its measure so the responder
 * share is computed on one score; NPRS presets exist for back and for leg pain.
 */
import { idsOf, presetOf } from "./presets";

export type McidMeasure = "odi" | "nprsBack" | "nprsLeg";

export type McidPreset = {
  id: string;
  measure: McidMeasure;
  threshold: number;
  /** As lib/stats responder(): points, or per cent of baseline. */
  mode: "absolute" | "percent";
  label: string;
};

export const MCID_PRESETS = [
  { id: "odi-10pt", measure: "odi", threshold: 10, mode: "absolute", label: "ODI improved ≥ 10 points (MiDAS ENCORE)" },
  { id: "odi-15pt", measure: "odi", threshold: 15, mode: "absolute", label: "ODI improved ≥ 15 points (FDA)" },
  { id: "odi-30pct", measure: "odi", threshold: 30, mode: "percent", label: "ODI improved ≥ 30 %" },
  { id: "nprs-back-2pt", measure: "nprsBack", threshold: 2, mode: "absolute", label: "NPRS back improved ≥ 2 points" },
  { id: "nprs-back-30pct", measure: "nprsBack", threshold: 30, mode: "percent", label: "NPRS back improved ≥ 30 %" },
  { id: "nprs-leg-2pt", measure: "nprsLeg", threshold: 2, mode: "absolute", label: "NPRS leg improved ≥ 2 points" },
  { id: "nprs-leg-30pct", measure: "nprsLeg", threshold: 30, mode: "percent", label: "NPRS leg improved ≥ 30 %" },
] as const satisfies readonly McidPreset[];

export type McidPresetId = (typeof MCID_PRESETS)[number]["id"];
export const MCID_PRESET_IDS = idsOf(MCID_PRESETS);
export const DEFAULT_MCID: McidPresetId = "odi-10pt";

export const mcidPreset = (id: McidPresetId): McidPreset => presetOf(MCID_PRESETS, id, "mcidPreset");
