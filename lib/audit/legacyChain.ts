/**
 * The chain as it was before it was keyed: a plain SHA-256 of the same payload, which anyone able to write to the
 * database could recompute. Read only by the one-time re-key (db/rekeyAuditChain.ts), which checks an existing
 * chain this way before rewriting it under the key, and by the tests that build such a chain.
 */
import { createHash } from "node:crypto";
import { auditPayload, verifyChainWith, type AuditContent, type ChainRow, type ChainVerdict } from "./hashChain";

export function legacyAuditRowHash(prevHash: string, row: AuditContent): string {
  return createHash("sha256").update(auditPayload(prevHash, row)).digest("hex");
}

export function verifyLegacyChain(rows: Iterable<ChainRow>): ChainVerdict {
  return verifyChainWith(rows, legacyAuditRowHash, "as an unkeyed SHA-256 chain");
}
