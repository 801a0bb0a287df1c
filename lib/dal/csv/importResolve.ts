import "server-only";
import type { AppDatabase } from "@/db/client";
import type { ImportProblem, ValidatedFiles } from "@/lib/csv/import/validateRows";
import type { Principal } from "@/lib/dal/principal";
import type { SiteDays } from "@/lib/dal/siteClock";
import type { ImportPlan } from "@/lib/dal/csv/importPlan";
import { resolveComplications } from "@/lib/dal/csv/importResolveComplications";
import { resolvePatients, resolveProcedures, resolveReferences } from "@/lib/dal/csv/importResolveRecords";

/**
 * The import's second pass, against the database: physicians and sites by their codes, and the records the file
 * refers to. Each record is matched by its reference (external id); one entered in the app without a
 * reference is matched by its natural key (patient: site + MRN; procedure: patient + date; complication:
 * procedure + type + onset) and takes the file's reference. A matched record must agree with the file: the
 * import adds what is new and never overwrites — corrections go through the app's audited edit forms. Each
 * step reads what it needs for all rows at once, so the number of queries does not grow with the file.
 */
export async function resolveImport(
  tx: AppDatabase,
  principal: Principal,
  files: ValidatedFiles,
  days: SiteDays,
): Promise<{ plan: ImportPlan; problems: ImportProblem[] }> {
  const problems: ImportProblem[] = [];
  const plan: ImportPlan = { patients: [], procedures: [], assessments: [], assessmentsUnchanged: 0, complications: [] };
  const { rows, references } = await resolveReferences(tx, principal, files.procedures, problems);
  const patientPlans = await resolvePatients(tx, principal, rows, references, problems);
  plan.patients = [...patientPlans.values()];
  const procedurePlans = await resolveProcedures(tx, principal, rows, patientPlans, references, plan, problems);
  plan.procedures = [...procedurePlans.values()];
  await resolveComplications(tx, principal, files.complications, procedurePlans, plan, problems, days);
  return { plan, problems };
}
