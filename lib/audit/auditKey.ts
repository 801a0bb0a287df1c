/**
 * The audit chain's key. Each row's hash is an HMAC-SHA-256 under this key, so whoever can write to the database
 * but does not hold the key (a superuser, someone with the file, a restored copy) can no longer recompute a chain
 * that verifies. It lives outside the database: AUDIT_KEY (64 hex characters or 32 bytes as base64) or, when unset,
 * `.audit-key` beside the database file (mode 0600; the folder of DATABASE_PATH, data/ by default, also when the
 * data lives in PostgreSQL), generated on first use like `.auth-secret`. Back it up apart from the database:
 * without it the chain can no longer be verified.
 *
 * A database's key sits beside that database: tools given another SQLite file (`--file`, a backup's source) look
 * beside that file.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ensurePrivateDir, PRIVATE_FILE_MODE } from "@/db/privateFiles";

/** The configured database file (SQLite), or the folder's placeholder when the data lives in PostgreSQL. */
export function configuredDatabaseFile(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATABASE_PATH || "data/mild.db");
}

export function auditKeyFile(databaseFile = configuredDatabaseFile()): string {
  return path.join(path.dirname(path.resolve(/*turbopackIgnore: true*/ databaseFile)), ".audit-key");
}

function parseKey(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, "hex");
  const b = Buffer.from(t, "base64");
  return b.length === 32 ? b : null;
}

export class MissingAuditKeyError extends Error {
  constructor(file: string) {
    super(`No audit key: set AUDIT_KEY, or restore ${file} (the chain cannot be verified without the key it was written with)`);
    this.name = "MissingAuditKeyError";
  }
}

// Read once per file: every audit row needs it.
const cache = new Map<string, Buffer>();

/**
 * The key for the database at `databaseFile` (default: the configured one). Writers create it when missing;
 * readers (`create: false`) refuse instead, rather than verify against a key that never signed anything.
 */
export function auditKey(databaseFile = configuredDatabaseFile(), opts: { create?: boolean } = {}): Buffer {
  if (process.env.AUDIT_KEY) {
    const key = parseKey(process.env.AUDIT_KEY);
    if (!key) throw new Error("AUDIT_KEY must be 32 bytes, as 64 hex characters or base64");
    return key;
  }
  const file = auditKeyFile(databaseFile);
  const cached = cache.get(file);
  if (cached) return cached;
  let key: Buffer | null = null;
  try {
    key = parseKey(fs.readFileSync(file, "utf8"));
  } catch {
    // not created yet
  }
  if (!key) {
    if (opts.create === false) throw new MissingAuditKeyError(file);
    ensurePrivateDir(path.dirname(file));
    const fresh = crypto.randomBytes(32);
    try {
      // `wx`: if two processes race on first use, the loser reads the winner's key instead of overwriting it.
      fs.writeFileSync(file, fresh.toString("hex") + "\n", { mode: PRIVATE_FILE_MODE, flag: "wx" });
      key = fresh;
    } catch {
      key = parseKey(fs.readFileSync(file, "utf8"))!;
    }
  }
  cache.set(file, key);
  return key;
}
