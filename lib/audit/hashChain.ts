/**
 * The audit log's hash chain. Each row's hash is an HMAC-SHA-256, under the installation's audit key
 * (./auditKey.ts), of its own content and the previous row's hash: a row edited, removed or inserted out of order
 * no longer matches, and without the key nobody can recompute the rows after it so that they match again. Rows
 * removed from the end leave a shorter chain that still matches: the checkpoints kept outside the database
 * (./checkpoints.ts) catch that. Pure apart from reading the key: used by the writer in lib/dal, by
 * `npm run audit:verify`, by the seed and by the backup and copy tools.
 */
import { createHmac } from "node:crypto";
import { auditKey } from "./auditKey";

export const GENESIS_HASH = "0".repeat(64);

export type AuditContent = {
  at: string;
  userId: number | null;
  userEmail: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  /** The physician a coordinator acted for (null when the actor acted for themself; absent in rows read without it). */
  onBehalfOfId?: number | null;
  onBehalfOfEmail?: string | null;
};

/**
 * A JSON array fixes the field order and escapes separators, so two different rows never serialise alike. The
 * on-behalf-of pair is appended only when set, so every row written without it hashes exactly as before it existed.
 */
export function auditPayload(prevHash: string, row: AuditContent): string {
  const fields: unknown[] = [prevHash, row.at, row.userId, row.userEmail, row.action, row.entity, row.entityId, row.before, row.after];
  if (row.onBehalfOfId != null || row.onBehalfOfEmail != null) fields.push(row.onBehalfOfId ?? null, row.onBehalfOfEmail ?? null);
  return JSON.stringify(fields);
}

export function auditRowHash(prevHash: string, row: AuditContent, key: Buffer = auditKey()): string {
  return createHmac("sha256", key).update(auditPayload(prevHash, row)).digest("hex");
}

export type ChainRow = AuditContent & { id: number; prevHash: string; hash: string };
export type ChainVerdict = { ok: true; rows: number } | { ok: false; rows: number; brokenAtId: number; reason: string };

/**
 * Walks rows in id order; reports the first row whose link or content does not match under `key` (default: the
 * configured database's key, which must exist: an empty log needs none).
 */
export function verifyChain(rows: Iterable<ChainRow>, key?: Buffer): ChainVerdict {
  return verifyChainWith(rows, (prev, row) => auditRowHash(prev, row, (key ??= auditKey(undefined, { create: false }))), "under this installation's audit key");
}

/** The walk itself, for any row hash (the one-time re-key also checks the unkeyed chain it replaces). */
export function verifyChainWith(rows: Iterable<ChainRow>, hashOf: (prevHash: string, row: AuditContent) => string, under: string): ChainVerdict {
  let prev = GENESIS_HASH;
  let count = 0;
  for (const row of rows) {
    count++;
    if (row.prevHash !== prev) {
      return { ok: false, rows: count, brokenAtId: row.id, reason: "previous-hash link does not match the row before" };
    }
    if (hashOf(prev, row) !== row.hash) {
      return { ok: false, rows: count, brokenAtId: row.id, reason: `row content does not match its hash ${under}` };
    }
    prev = row.hash;
  }
  return { ok: true, rows: count };
}

/** Canonical JSON for before/after values: stable key order so equal records hash alike. */
export function auditJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/**
 * A row of the audit log read as driver values in column order (id, at, user_id, user_email, action, entity,
 * entity_id, before_json, after_json, prev_hash, hash, on_behalf_of_id, on_behalf_of_email — AUDIT_CHAIN_COLUMNS):
 * integers are numbers on both drivers, and null stays null (an entry without a signed-in user).
 */
export function chainRowOf(r: unknown[]): ChainRow {
  return {
    id: Number(r[0]),
    at: r[1] as string,
    userId: r[2] === null ? null : Number(r[2]),
    userEmail: r[3] as string | null,
    action: r[4] as string,
    entity: r[5] as string,
    entityId: r[6] as string | null,
    before: r[7] as string | null,
    after: r[8] as string | null,
    prevHash: r[9] as string,
    hash: r[10] as string,
    onBehalfOfId: r[11] === null || r[11] === undefined ? null : Number(r[11]),
    onBehalfOfEmail: (r[12] ?? null) as string | null,
  };
}

/** The columns of a chain row in chainRowOf's order, for the SQL that reads the log outside drizzle. */
export const AUDIT_CHAIN_COLUMNS =
  "id, at, user_id, user_email, action, entity, entity_id, before_json, after_json, prev_hash, hash, on_behalf_of_id, on_behalf_of_email";
/** The same, named as ChainRow's fields (for readers that take rows as objects). */
export const AUDIT_CHAIN_FIELDS = `id, at, user_id as "userId", user_email as "userEmail", action, entity, entity_id as "entityId",
  before_json as "before", after_json as "after", prev_hash as "prevHash", hash, on_behalf_of_id as "onBehalfOfId", on_behalf_of_email as "onBehalfOfEmail"`;
