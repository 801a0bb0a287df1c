import "server-only";
import { and, asc, count, eq, gt, gte, lte, max, min, type SQL } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { complications, patients, procedures, sites, users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/appendAudit";
import { checkpointAuditLog } from "@/lib/dal/audit/auditCheckpoint";
import { definitionHeader } from "@/lib/csv/export/definition";
import { complicationFactsOf, complicationQualifies, type ComplicationDefinition } from "@/lib/outcomes/complicationDefinition";
import { epochDay, todayIso } from "@/lib/outcomes/dates";
import { outcomeFiltersToQueryString, type OutcomeFilters } from "@/lib/outcomes/outcomeFilters";
import { actorOf } from "@/lib/dal/access";
import { ForbiddenError, ValidationError } from "@/lib/dal/errors";
import type { ExportComplication, ExportProcedure } from "@/lib/csv/export/exportRows";
import { inProcedureContext, REPORTED_FIELDS } from "@/lib/dal/records/complicationContext";
import { assertOutcomeAccess, outcomeFilterSql, readCohort } from "@/lib/dal/outcomes/cohort";
import { canSeeAllPhysicians, type Principal } from "@/lib/dal/principal";
import { procedureScope } from "@/lib/dal/scope";

/**
 * The CSV export's data: the dashboard's own cohort (same filters, same scope, same relief and complication
 * definition code — lib/dal/outcomes/cohort.ts), read in batches of procedures by id so memory stays flat for
 * any number of procedures, plus the columns a file needs that the dashboard does not (identifiers, the
 * complication count). Each batch is a few short queries in one read-only transaction, so its cohort, details
 * and complication counts agree; nothing is held open between batches, so a slow download never holds up the
 * app's writers (nor, on SQLite, anyone else's queries on the shared connection).
 */

export const EXPORT_BATCH_SIZE = 2000;
export const EXPORT_REASON_MAX_LENGTH = 500;

export type ExportOptions = { filters: OutcomeFilters; identified: boolean; reason?: string | null };

/** Who may export what: everyone their own scope, de-identified; identified files only QO/admin, with a reason. */
async function authorizeExport(principal: Principal, opts: ExportOptions): Promise<void> {
  if (principal.role !== "physician" && !canSeeAllPhysicians(principal)) throw new ForbiddenError("You cannot export records");
  if (opts.identified) {
    if (!canSeeAllPhysicians(principal))
      throw new ForbiddenError("Identified exports are for quality officers and administrators; your export is de-identified");
    const reason = opts.reason?.trim() ?? "";
    if (!reason) throw new ValidationError({ reason: ["Give the reason for an identified export (it is recorded in the audit log)"] });
    if (reason.length > EXPORT_REASON_MAX_LENGTH) throw new ValidationError({ reason: [`The reason is limited to ${EXPORT_REASON_MAX_LENGTH} characters`] });
  }
  // A physician asking for another physician's view is answered as if that physician did not exist.
  await assertOutcomeAccess(principal, opts.filters);
}

export type ExportSession<T> = {
  /** What the file's name and headers must say: the definition and criterion the derived columns used. */
  definition: ComplicationDefinition;
  reliefCriterion: OutcomeFilters["reliefCriterion"];
  batches: () => AsyncGenerator<T[]>;
  /** Writes the export's audit row; call once, when the stream ends (completed) or is abandoned. */
  finish: (rows: number, completed: boolean) => Promise<void>;
};

async function auditExport(principal: Principal, kind: "procedures" | "complications", opts: ExportOptions, rows: number, completed: boolean): Promise<void> {
  await transaction((tx) =>
    appendAudit(tx, {
      actor: actorOf(principal),
      action: `export.${kind}`,
      entity: "export",
      entityId: null,
      after: {
        file: `${kind}.csv`,
        identified: opts.identified,
        reason: opts.identified ? opts.reason?.trim() : null,
        filters: outcomeFiltersToQueryString(opts.filters) || "(none)",
        definition: definitionHeader(opts.filters.definition, opts.filters.reliefCriterion),
        rows,
        completed,
      },
    }),
  );
  // Every export moves the checkpoint outside the database on to the entry that records it.
  await checkpointAuditLog("export");
}

/** Who is who by id: a handful of accounts and sites, looked up in memory rather than joined on every row. */
async function emailsById(): Promise<Map<number, string>> {
  return new Map((await getDb().select({ id: users.id, email: users.email }).from(users)).map((u) => [u.id, u.email]));
}

const procedureDetailColumns = {
  id: procedures.id,
  procedureExternalId: procedures.externalId,
  patientExternalId: patients.externalId,
  mrn: patients.mrn,
  patientName: patients.name,
  dateOfBirth: patients.dateOfBirth,
  email: patients.email,
  mobile: patients.mobile,
  preferredChannel: patients.preferredChannel,
  language: patients.language,
  sex: patients.sex,
  side: procedures.side,
  anaesthesia: procedures.anaesthesia,
  deviceLot: procedures.deviceLot,
  priorTreatmentType: procedures.priorTreatmentType,
  priorTreatmentDate: procedures.priorTreatmentDate,
  priorTreatmentAcknowledged: procedures.priorTreatmentAcknowledged,
  notes: procedures.notes,
};

export async function openProcedureExport(
  principal: Principal,
  opts: ExportOptions,
  today = todayIso(),
  batchSize = EXPORT_BATCH_SIZE,
): Promise<ExportSession<ExportProcedure>> {
  await authorizeExport(principal, opts);
  const where = and(procedureScope(principal), outcomeFilterSql(opts.filters));
  /** The procedures after `after`, up to batchSize of them, and whether more may follow; null when none are left. */
  const readBatch = (after: number) =>
    transaction(
      async (tx) => {
        // The batch's bounds: its last procedure id, and the span of its patients' ids. The span is a range the
        // planner can use on patients too: with only the procedure range, PostgreSQL hash-joins every patient
        // (a full scan of the patients table per batch, most of a large export's time).
        const batchRows = tx
          .select({ id: procedures.id, patientId: procedures.patientId })
          .from(procedures)
          .innerJoin(patients, eq(patients.id, procedures.patientId))
          .where(and(where, gt(procedures.id, after)))
          .orderBy(asc(procedures.id))
          .limit(batchSize)
          .as("batch");
        const [bounds] = await tx
          .select({ n: count(), last: max(batchRows.id), firstPatient: min(batchRows.patientId), lastPatient: max(batchRows.patientId) })
          .from(batchRows);
        if (!bounds || bounds.n === 0 || bounds.last === null || bounds.firstPatient === null || bounds.lastPatient === null) return null;
        const upTo = Number(bounds.last);
        const range: SQL | undefined = and(
          where,
          gt(procedures.id, after),
          lte(procedures.id, upTo),
          gte(patients.id, Number(bounds.firstPatient)),
          lte(patients.id, Number(bounds.lastPatient)),
        );
        const cohort = (await readCohort(range, opts.filters, today, { after, upTo })).procedures;
        // The same id range and filters as the cohort (not a list of 2,000 bound ids: an index range scan, and a
        // statement PostgreSQL plans in no time).
        const details = new Map(
          (await tx.select(procedureDetailColumns).from(procedures).innerJoin(patients, eq(patients.id, procedures.patientId)).where(range)).map((d) => [
            d.id,
            d,
          ]),
        );
        const totals = new Map(
          (
            await tx
              .select({ id: complications.procedureId, n: count() })
              .from(complications)
              .innerJoin(procedures, eq(procedures.id, complications.procedureId))
              .innerJoin(patients, eq(patients.id, procedures.patientId))
              .where(range)
              .groupBy(complications.procedureId)
          ).map((r) => [r.id, r.n]),
        );
        return { cohort, last: upTo, more: bounds.n === batchSize, details, totals };
      },
      { readOnly: true },
    );
  async function* batches(): AsyncGenerator<ExportProcedure[]> {
    const emails = await emailsById();
    const siteCodes = new Map((await getDb().select({ id: sites.id, code: sites.code }).from(sites)).map((x) => [x.id, x.code]));
    let after: number = 0;
    for (;;) {
      const batch = await readBatch(after);
      if (!batch) return;
      const { cohort, last, more, details, totals } = batch;
      cohort.sort((a, b) => a.id - b.id);
      // The batch's own objects, completed in place: copying every procedure's fields per row was a tenth of the export's time.
      yield cohort.map((p) =>
        Object.assign(p, {
          details: Object.assign(details.get(p.id)!, { physicianEmail: emails.get(p.physicianId) ?? "", siteCode: siteCodes.get(p.siteId) ?? "" }),
          complicationsTotal: totals.get(p.id) ?? 0,
        }),
      );
      if (!more) return;
      after = last;
    }
  }
  return {
    definition: opts.filters.definition,
    reliefCriterion: opts.filters.reliefCriterion,
    batches,
    finish: (rows, completed) => auditExport(principal, "procedures", opts, rows, completed),
  };
}

export async function openComplicationExport(
  principal: Principal,
  opts: ExportOptions,
  batchSize = EXPORT_BATCH_SIZE,
): Promise<ExportSession<ExportComplication>> {
  await authorizeExport(principal, opts);
  const where = and(procedureScope(principal), outcomeFilterSql(opts.filters));
  const definition = opts.filters.definition;
  async function* batches(): AsyncGenerator<ExportComplication[]> {
    // Adjudicators by id (a handful of accounts), rather than joining users a second time.
    const emails = await emailsById();
    let after: number = 0;
    for (;;) {
      // One statement per batch: consistent on its own, so no transaction is needed around it.
      const query = getDb()
        .select({
          id: complications.id,
          externalId: complications.externalId,
          procedureId: complications.procedureId,
          procedureExternalId: procedures.externalId,
          procedureDate: procedures.procedureDate,
          patientId: procedures.patientId,
          patientExternalId: patients.externalId,
          physicianId: procedures.physicianId,
          physicianEmail: users.email,
          siteCode: sites.code,
          ...REPORTED_FIELDS,
          treatment: complications.treatment,
          outcome: complications.outcome,
          reportedAt: complications.reportedAt,
          adjudicationStatus: complications.adjudicationStatus,
          finalGrade: complications.finalGrade,
          finalRelatedness: complications.finalRelatedness,
          adjudicatedBy: complications.adjudicatedBy,
          adjudicatedAt: complications.adjudicatedAt,
          adjudicationNote: complications.adjudicationNote,
        })
        .from(complications)
        .$dynamic();
      const rows = await inProcedureContext(query)
        .where(and(where, gt(complications.id, after)))
        .orderBy(asc(complications.id))
        .limit(batchSize);
      if (rows.length === 0) return;
      yield rows.map(({ adjudicatedBy, ...r }) => ({
        ...r,
        adjudicatedByEmail: adjudicatedBy === null ? null : (emails.get(adjudicatedBy) ?? null),
        inDefinition: complicationQualifies(definition, complicationFactsOf(r, epochDay(r.onsetDate) - epochDay(r.procedureDate))),
      }));
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1]!.id;
    }
  }
  return {
    definition,
    reliefCriterion: opts.filters.reliefCriterion,
    batches,
    finish: (rows, completed) => auditExport(principal, "complications", opts, rows, completed),
  };
}
