import "server-only";
import { desc, eq, getTableColumns, getTableName } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { assessments, auditLog, complications, patients, procedures } from "@/db/schema";
import { getDb } from "@/db/client";
import type { DbOrTx } from "@/lib/audit/appendAudit";
import { auditJson, auditRowHash, GENESIS_HASH } from "@/lib/audit/hashChain";
import type { ImportPlan } from "./importResolve";
import type { Principal } from "./principal";

/**
 * Writes an import plan inside the caller's `BEGIN IMMEDIATE` transaction. Every created or linked record gets
 * its own audit row (so its history in the app starts with the import, like a record entered by hand), chained
 * exactly as lib/audit/appendAudit.ts chains them; the last hash is kept in memory instead of re-read per row,
 * which is safe because the immediate transaction keeps every other writer out until commit.
 */

type AuditEvent = { action: string; entity: string; entityId: number | string | null; before?: unknown; after?: unknown };

function auditChain(tx: DbOrTx, principal: Principal) {
  let prev = tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()?.hash ?? GENESIS_HASH;
  const at = new Date().toISOString();
  // A plain prepared statement on the transaction's own connection: tens of thousands of rows, ten columns each.
  const insert = getDb().$client.prepare(
    "INSERT INTO audit_log (at, user_id, user_email, action, entity, entity_id, before_json, after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  let pending: unknown[][] = [];
  const flush = () => {
    for (const row of pending) insert.run(row);
    pending = [];
  };
  return {
    append(e: AuditEvent) {
      const content = {
        at,
        userId: principal.id,
        userEmail: principal.email,
        action: e.action,
        entity: e.entity,
        entityId: e.entityId === null ? null : String(e.entityId),
        before: auditJson(e.before),
        after: auditJson(e.after),
      };
      const hash = auditRowHash(prev, content);
      pending.push([content.at, content.userId, content.userEmail, content.action, content.entity, content.entityId, content.before, content.after, prev, hash]);
      prev = hash;
      if (pending.length >= 500) flush();
    },
    flush,
  };
}

/**
 * A plain prepared INSERT of every column but the id, returning the row as drizzle would (camelCase keys,
 * booleans as booleans): tens of thousands of rows go through here, and drizzle's per-insert query building
 * cost more than the writes. Every column is given explicitly, so a forgotten one fails the whole import loudly.
 */
function inserter(table: SQLiteTable) {
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key !== "id");
  const statement = getDb().$client.prepare(
    `INSERT INTO "${getTableName(table)}" (${columns.map(([, c]) => `"${c.name}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
  );
  return (values: Record<string, unknown>): { id: number } & Record<string, unknown> => {
    const row: Record<string, unknown> = {};
    for (const [key] of columns) {
      if (!(key in values)) throw new Error(`import: no value for ${getTableName(table)}.${key}`);
      row[key] = values[key] ?? null;
    }
    const params = columns.map(([key]) => (typeof row[key] === "boolean" ? (row[key] ? 1 : 0) : row[key]));
    const id = Number(statement.run(params).lastInsertRowid);
    return { id, ...row };
  };
}

export function writeImportPlan(tx: DbOrTx, principal: Principal, plan: ImportPlan, summary: Record<string, unknown>): void {
  const audit = auditChain(tx, principal);
  const now = new Date().toISOString();

  // Patients
  const patientId = new Map<string, number>();
  for (const p of plan.patients) if (p.id !== null) patientId.set(p.ref, p.id);
  const insertPatient = inserter(patients);
  for (const p of plan.patients.filter((x) => x.action === "create")) {
    const row = insertPatient({ ...p.data, siteId: p.siteId, primaryPhysicianId: p.primaryPhysicianId, externalId: p.ref, createdAt: now, updatedAt: now });
    patientId.set(p.ref, row.id);
    audit.append({ action: "patient.import", entity: "patient", entityId: row.id, after: row });
  }
  for (const p of plan.patients.filter((x) => x.action === "link")) {
    const after = tx.update(patients).set({ externalId: p.ref, updatedAt: now }).where(eq(patients.id, p.id!)).returning().get();
    audit.append({ action: "patient.import_link", entity: "patient", entityId: p.id, before: p.before, after });
  }

  // Procedures
  const procedureId = new Map<string, number>();
  for (const p of plan.procedures) if (p.id !== null) procedureId.set(p.ref, p.id);
  const insertProcedure = inserter(procedures);
  for (const p of plan.procedures.filter((x) => x.action === "create")) {
    const row = insertProcedure({ ...p.data, patientId: patientId.get(p.patientRef)!, physicianId: p.physicianId, siteId: p.siteId, createdBy: principal.id, externalId: p.ref, createdAt: now, updatedAt: now });
    procedureId.set(p.ref, row.id);
    audit.append({ action: "procedure.import", entity: "procedure", entityId: row.id, after: row });
  }
  for (const p of plan.procedures.filter((x) => x.action === "link")) {
    const after = tx.update(procedures).set({ externalId: p.ref, updatedAt: now }).where(eq(procedures.id, p.id!)).returning().get();
    audit.append({ action: "procedure.import_link", entity: "procedure", entityId: p.id, before: p.before, after });
  }

  // Assessments: identified by procedure and timepoint; the external id says where they came from.
  const insertAssessment = inserter(assessments);
  for (const a of plan.assessments) {
    const { suffix, ...data } = a.data;
    const row = insertAssessment({ ...data, procedureId: procedureId.get(a.procedureRef)!, createdBy: principal.id, externalId: `${a.procedureRef}/${suffix}`, createdAt: now, updatedAt: now });
    audit.append({ action: "assessment.import", entity: "assessment", entityId: row.id, after: row });
  }

  // Complications
  const insertComplication = inserter(complications);
  for (const c of plan.complications.filter((x) => x.action === "create")) {
    const row = insertComplication({
      ...c.data,
      procedureId: c.procedureId ?? procedureId.get(c.procedureRef)!,
      reportedBy: c.reportedBy,
      reportedAt: c.adjudication?.reportedAt ?? now,
      adjudicationStatus: c.adjudication?.status ?? "pending",
      adjudicatedBy: c.adjudication?.adjudicatedBy ?? null,
      adjudicatedAt: c.adjudication?.adjudicatedAt ?? null,
      adjudicationNote: c.adjudication?.note ?? null,
      finalGrade: c.adjudication?.finalGrade ?? null,
      finalRelatedness: c.adjudication?.finalRelatedness ?? null,
      externalId: c.ref,
      createdAt: now,
      updatedAt: now,
    });
    audit.append({ action: "complication.import", entity: "complication", entityId: row.id, after: row });
  }
  for (const c of plan.complications.filter((x) => x.action === "link")) {
    const after = tx.update(complications).set({ externalId: c.ref, updatedAt: now }).where(eq(complications.id, c.id!)).returning().get();
    audit.append({ action: "complication.import_link", entity: "complication", entityId: c.id, before: c.before, after });
  }

  // One summary row: who imported which files, and what it did.
  audit.append({ action: "import.commit", entity: "import", entityId: String(summary.id ?? ""), after: summary });
  audit.flush();
}
