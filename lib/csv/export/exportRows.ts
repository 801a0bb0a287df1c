/**
 * The rows the CSV export writes, as the data layer reads them (lib/dal/csv/exportCohort.ts): each procedure of
 * the dashboard's cohort with the details only a file carries, and each complication report with its context.
 */
import type { CohortProcedure } from "@/lib/outcomes/cohort";

export type ExportProcedureDetails = {
  procedureExternalId: string | null;
  patientExternalId: string | null;
  mrn: string;
  patientName: string;
  dateOfBirth: string;
  email: string | null;
  mobile: string | null;
  preferredChannel: string;
  language: string;
  sex: string;
  side: string;
  anaesthesia: string;
  deviceLot: string | null;
  priorTreatmentType: string | null;
  priorTreatmentDate: string | null;
  priorTreatmentAcknowledged: boolean;
  notes: string | null;
  physicianEmail: string;
  siteCode: string;
};

export type ExportProcedure = CohortProcedure & { details: ExportProcedureDetails; complicationsTotal: number };

export type ExportComplication = {
  id: number;
  externalId: string | null;
  procedureId: number;
  procedureExternalId: string | null;
  procedureDate: string;
  patientId: number;
  patientExternalId: string | null;
  physicianId: number;
  physicianEmail: string;
  siteCode: string;
  type: string;
  typeOther: string | null;
  onsetDate: string;
  serious: boolean;
  grade: number;
  relatedness: string;
  treatment: string | null;
  outcome: string;
  reportedAt: string;
  adjudicationStatus: "pending" | "confirmed" | "rejected" | "needs_info";
  finalGrade: number | null;
  finalRelatedness: string | null;
  adjudicatedByEmail: string | null;
  adjudicatedAt: string | null;
  adjudicationNote: string | null;
  /** under the export's complication definition, by the dashboard's own rule */
  inDefinition: boolean;
};
