/**
 * The signing secret for session tokens. A configured NEXTAUTH_SECRET wins; otherwise one is generated on
 * first start and kept in `.auth-secret` beside the database file (mode 0600; DATABASE_PATH's folder, data/ by
 * default, also when the data lives in PostgreSQL), so sessions survive restarts and no secret ever ships with the code.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ensurePrivateDir } from "@/db/privateFiles";

export function secretFilePath(): string {
  return path.join(path.dirname(path.resolve(/*turbopackIgnore: true*/ process.env.DATABASE_PATH || "data/mild.db")), ".auth-secret");
}

export function getAuthSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = secretFilePath();
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // not created yet
  }
  ensurePrivateDir(path.dirname(file));
  const secret = crypto.randomBytes(48).toString("base64url");
  fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}
