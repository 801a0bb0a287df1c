import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { AppDatabase } from "@/db/client";
import { complications, procedures, users, type Complication } from "@/db/schema";
import { COMPLICATION_FIELD_COLUMNS } from "@/lib/csv/columns";
import { COMPLICATIONS_FILE, type ComplicationRow, type ImportProblem } from "@/lib/csv/import/validateRows";
import type { Principal } from "@/lib/dal/principal";
import { complicationDateProblems } from "@/lib/validation/recordDateRules";
import type { SiteDays } from "@/lib/dal/siteClock";
import {
  complicationDifferences,
  inChunks,
  referenceInUse,
  reportDifferences,
  unique,
  type Action,
  type ImportPlan,
  type ProcedurePlan,
  type ResolvedAdjudication,
} from "@/lib/dal/csv/importPlan";

const C = COMPLICATIONS_FILE;

/** What complications.csv refers to, read in a fixed number of queries: stored procedures, reports and quality officers. */
async function storedContext(tx: AppDatabase, principal: Principal, rows: ComplicationRow[], procedurePlans: Map<string, ProcedurePlan>) {
  const own = principal.role === "physician" ? eq(procedures.physicianId, principal.id) : undefined;
  // Procedures named only in complications.csv must already be stored; a physician's may name only their own
  // stored procedures: another's is as unknown as a missing one.
  const missingRefs = unique(rows.map((r) => r.procedureRef).filter((ref) => !procedurePlans.has(ref)));
  const procedureByRef = new Map(
    (
      await inChunks(missingRefs, (chunk) =>
        tx
          .select()
          .from(procedures)
          .where(and(inArray(procedures.externalId, chunk), own)),
      )
    ).map((p) => [p.externalId!, p]),
  );
  const reportByRef = new Map(
    (
      await inChunks(unique(rows.map((r) => r.complicationRef)), (chunk) => tx.select().from(complications).where(inArray(complications.externalId, chunk)))
    ).map((c) => [c.externalId!, c]),
  );
  const officerEmails = unique(rows.map((r) => r.adjudication?.adjudicatedBy).filter((e): e is string => Boolean(e)));
  const officerByEmail = new Map(
    (
      await inChunks(officerEmails, (chunk) =>
        tx
          .select({ id: users.id, email: users.email })
          .from(users)
          .where(and(inArray(users.email, chunk), eq(users.role, "quality_officer"))),
      )
    ).map((u) => [u.email, u.id]),
  );
  // Reports entered in the app without a reference, by their natural key (procedure + type + onset), oldest first.
  const procedureIds = unique([...[...procedurePlans.values()].map((p) => p.id), ...[...procedureByRef.values()].map((p) => p.id)].filter((id) => id !== null));
  const unreferenced = new Map<string, Complication>();
  const candidates = await inChunks(procedureIds, (chunk) =>
    tx
      .select()
      .from(complications)
      .where(and(inArray(complications.procedureId, chunk), isNull(complications.externalId)))
      .orderBy(complications.id),
  );
  for (const c of candidates) {
    const key = `${c.procedureId}\u0000${c.type}\u0000${c.onsetDate}`;
    if (!unreferenced.has(key)) unreferenced.set(key, c);
  }
  // Which stored reports' procedures are the physician's own: a reference held on another physician's record is only "in use".
  const ownReportProcedures = new Set(
    own
      ? (
          await inChunks(unique([...reportByRef.values()].map((c) => c.procedureId)), (chunk) =>
            tx
              .select({ id: procedures.id })
              .from(procedures)
              .where(and(inArray(procedures.id, chunk), own)),
          )
        ).map((p) => p.id)
      : [],
  );
  return { procedureByRef, reportByRef, officerByEmail, unreferenced, ownReportProcedures };
}

/** complications.csv against procedures.csv's plan and the database: each report's procedure, dates, adjudicator and match. */
export async function resolveComplications(
  tx: AppDatabase,
  principal: Principal,
  rows: ComplicationRow[],
  procedurePlans: Map<string, ProcedurePlan>,
  plan: ImportPlan,
  problems: ImportProblem[],
  days: SiteDays,
): Promise<void> {
  if (rows.length === 0) return;
  const { procedureByRef, reportByRef, officerByEmail, unreferenced, ownReportProcedures } = await storedContext(tx, principal, rows, procedurePlans);
  const report = (r: ComplicationRow, column: string, message: string) => problems.push({ file: C, row: r.row, column, message });
  for (const r of rows) {
    const inFile = procedurePlans.get(r.procedureRef);
    const stored = inFile ? null : procedureByRef.get(r.procedureRef);
    if (!inFile && !stored) {
      report(r, "procedure_ref", "Unknown procedure_ref: it is neither in procedures.csv (without problems) nor stored");
      continue;
    }
    const procedure = inFile
      ? { date: inFile.data.procedureDate, id: inFile.id, physicianId: inFile.physicianId, siteId: inFile.siteId }
      : { ...stored!, date: stored!.procedureDate };
    const dateProblems = complicationDateProblems(r.complication, procedure.date, days.byId(procedure.siteId));
    for (const p of dateProblems) report(r, COMPLICATION_FIELD_COLUMNS[p.field as keyof typeof COMPLICATION_FIELD_COLUMNS], p.message);
    let ok = dateProblems.length === 0;
    let adjudication: ResolvedAdjudication | null = null;
    if (r.adjudication) {
      const email = r.adjudication.adjudicatedBy;
      const officer = email ? officerByEmail.get(email) : null;
      if (email && officer === undefined) {
        report(r, "adjudicated_by", `No quality officer account has the email ${email}`);
        ok = false;
      }
      adjudication = { ...r.adjudication, adjudicatedBy: officer ?? null };
    }
    if (!ok) continue;

    let existing = reportByRef.get(r.complicationRef) ?? null;
    let action: Action = existing ? "unchanged" : "create";
    if (existing && existing.procedureId !== procedure.id) {
      const hidden = principal.role === "physician" && !ownReportProcedures.has(existing.procedureId);
      report(r, "complication_ref", hidden ? referenceInUse("complication_ref") : "This complication reference is already stored for another procedure");
      continue;
    }
    const candidate =
      !existing && procedure.id !== null ? unreferenced.get(`${procedure.id}\u0000${r.complication.type}\u0000${r.complication.onsetDate}`) : undefined;
    if (candidate) {
      existing = candidate;
      action = "link";
    }
    if (existing && reportDifferences(problems, C, r.row, "complication", complicationDifferences(existing, r.complication, adjudication))) continue;
    plan.complications.push({
      ref: r.complicationRef,
      row: r.row,
      action,
      id: existing?.id ?? null,
      procedureRef: r.procedureRef,
      procedureId: procedure.id,
      reportedBy: procedure.physicianId,
      data: r.complication,
      adjudication,
      before: existing,
    });
  }
}
