import "server-only";
import { eq, type InferInsertModel, type InferSelectModel } from "drizzle-orm";
import type { AppDatabase } from "@/db/client";
import { assessments, complications, contactAttempts, followUpStatuses, patients, procedures, subsequentSurgeries } from "@/db/schema";
import { appendAudit } from "@/lib/audit/appendAudit";
import { actorOf, nowIso } from "@/lib/dal/access";
import type { Acting } from "@/lib/dal/onBehalfOf";
import type { Principal } from "@/lib/dal/principal";

/**
 * The clinical records' writes with their audit rows, each in the caller's transaction (the DAL's rule: a
 * write and its audit row commit together or not at all). The audit row carries the record as written, and
 * for an update the record as it was; for a coordinator's write, the physician it was made for.
 */
const TABLES = {
  patient: patients,
  procedure: procedures,
  assessment: assessments,
  complication: complications,
  followUpStatus: followUpStatuses,
  contactAttempt: contactAttempts,
  subsequentSurgery: subsequentSurgeries,
} as const;
type Entity = keyof typeof TABLES;
type Row<E extends Entity> = InferSelectModel<(typeof TABLES)[E]>;

export async function insertAudited<E extends Entity>(
  tx: AppDatabase,
  principal: Principal,
  entity: E,
  values: InferInsertModel<(typeof TABLES)[E]>,
  opts: { action?: string; onBehalfOf?: Acting["onBehalfOf"] } = {},
): Promise<Row<E>> {
  const table = TABLES[entity] as typeof patients;
  const [created] = (await tx
    .insert(table)
    .values(values as InferInsertModel<typeof patients>)
    .returning()) as unknown as Row<E>[];
  const action = opts.action ?? `${entity}.create`;
  await appendAudit(tx, { actor: actorOf(principal), onBehalfOf: opts.onBehalfOf, action, entity, entityId: created.id, after: created });
  return created;
}

export async function updateAudited<E extends Entity>(
  tx: AppDatabase,
  principal: Principal,
  entity: E,
  before: Row<E>,
  values: Partial<InferInsertModel<(typeof TABLES)[E]>>,
  opts: { action?: string; onBehalfOf?: Acting["onBehalfOf"] } = {},
): Promise<Row<E>> {
  const table = TABLES[entity] as typeof patients;
  const id = before.id as number;
  const [after] = (await tx
    .update(table)
    .set({ ...(values as Partial<InferInsertModel<typeof patients>>), updatedAt: nowIso() })
    .where(eq(table.id, id))
    .returning()) as unknown as Row<E>[];
  await appendAudit(tx, {
    actor: actorOf(principal),
    onBehalfOf: opts.onBehalfOf,
    action: opts.action ?? `${entity}.update`,
    entity,
    entityId: id,
    before,
    after,
  });
  return after;
}

/** Removes a row that only marks a state (a follow-up status back to active); the audit row keeps what it was. */
export async function deleteAudited<E extends Entity>(
  tx: AppDatabase,
  principal: Principal,
  entity: E,
  before: Row<E>,
  opts: { action?: string; onBehalfOf?: Acting["onBehalfOf"] } = {},
): Promise<void> {
  const table = TABLES[entity] as typeof patients;
  const id = before.id as number;
  await tx.delete(table).where(eq(table.id, id));
  await appendAudit(tx, { actor: actorOf(principal), onBehalfOf: opts.onBehalfOf, action: opts.action ?? `${entity}.delete`, entity, entityId: id, before });
}
