/** Human labels for the stored codes, used by pages and exports alike. */
import type { RiskFactor, Timepoint } from "./enums";

export const TIMEPOINT_LABELS: Record<Timepoint, string> = {
  baseline: "Baseline",
  day_1_3: "Day 1–3",
  week_2: "2 weeks",
  week_6: "6 weeks",
  month_3: "3 months",
  month_6: "6 months",
  month_12: "12 months",
  month_24: "24 months",
  unscheduled: "Unscheduled",
};

export const RISK_FACTOR_LABELS: Record<RiskFactor, string> = {
  scoliosisKyphosis: "Scoliosis or kyphosis",
  previousSpinalFracture: "Previous spinal fracture",
  previousSpinalSurgery: "Previous spinal surgery",
  medicationAllergies: "Medication allergies",
  diabetes: "Diabetes",
  cardiovascularDisease: "Cardiovascular disease",
  smoking: "Smoking",
  heavyDrinking: "Heavy drinking",
};

export const ROLE_LABELS = { physician: "Physician", quality_officer: "Quality officer", admin: "Administrator" } as const;
