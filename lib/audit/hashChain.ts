/**
 * The audit log's hash chain. Each row's hash covers its own content and the previous row's hash, so a
 * row edited, removed or inserted out of order after the fact no longer matches. Pure: used by the writer
 * in lib/dal, by `npm run audit:verify` and by the seed.
 */
import { createHash } from "node:crypto";

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
};

export function auditRowHash(prevHash: string, row: AuditContent): string {
  // A JSON array fixes the field order and escapes separators, so two different rows never serialise alike.
  const payload = JSON.stringify([prevHash, row.at, row.userId, row.userEmail, row.action, row.entity, row.entityId, row.before, row.after]);
  return createHash("sha256").update(payload).digest("hex");
}

export type ChainRow = AuditContent & { id: number; prevHash: string; hash: string };
export type ChainVerdict = { ok: true; rows: number } | { ok: false; rows: number; brokenAtId: number; reason: string };

/** Walks rows in id order; reports the first row whose link or content does not match. */
export function verifyChain(rows: Iterable<ChainRow>): ChainVerdict {
  let prev = GENESIS_HASH;
  let count = 0;
  for (const row of rows) {
    count++;
    if (row.prevHash !== prev) {
      return { ok: false, rows: count, brokenAtId: row.id, reason: "previous-hash link does not match the row before" };
    }
    if (auditRowHash(prev, row) !== row.hash) {
      return { ok: false, rows: count, brokenAtId: row.id, reason: "row content does not match its hash" };
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
