import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ensurePrivateDir } from "@/db/privateFiles";
import { generateSecret, generateSync, generateURI, verifySync } from "otplib";

/**
 * TOTP (RFC 6238) as authenticator apps expect it: SHA-1, 6 digits, 30-second steps, 160-bit secrets.
 * A code from the step before or after the current one is accepted (clock drift), never one at or before the
 * last accepted step (replay, RFC 6238 §5.2).
 */
export const TOTP_ISSUER = "MILD Outcomes";
const TOLERANCE_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, accountEmail: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: accountEmail, secret });
}

/** The code for `epochSeconds` (tests and the crash/e2e tooling; the app only verifies). */
export function totpCodeAt(secret: string, epochSeconds = Math.floor(Date.now() / 1000)): string {
  return generateSync({ secret, epoch: epochSeconds });
}

/** The accepted code's time step, or null. `afterStep` is the last step used, which may not be used again. */
export function verifyTotpCode(secret: string, code: string, afterStep: number | null, nowMs = Date.now()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const result = verifySync({
    secret,
    token,
    epoch: Math.floor(nowMs / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

/**
 * Secrets are stored encrypted (AES-256-GCM) under a key kept outside the database: TOTP_ENCRYPTION_KEY
 * (64 hex characters or 44-character base64) or, when unset, `.totp-key` (mode 0600) generated beside the
 * database file — DATABASE_PATH's folder, data/ by default, also when the data lives in PostgreSQL — like the
 * session secret. A copy of the database alone — a backup, a stolen file — then does not give away anyone's
 * second factor. Back the key up separately: without it, enrolled users need an
 * administrator to reset their second factor.
 */
export function totpKeyFilePath(): string {
  return path.join(path.dirname(path.resolve(/*turbopackIgnore: true*/ process.env.DATABASE_PATH || "data/mild.db")), ".totp-key");
}

function parseKey(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, "hex");
  const b = Buffer.from(t, "base64");
  return b.length === 32 ? b : null;
}

function encryptionKey(): Buffer {
  if (process.env.TOTP_ENCRYPTION_KEY) {
    const key = parseKey(process.env.TOTP_ENCRYPTION_KEY);
    if (!key) throw new Error("TOTP_ENCRYPTION_KEY must be 32 bytes, as 64 hex characters or base64");
    return key;
  }
  const file = totpKeyFilePath();
  try {
    const key = parseKey(fs.readFileSync(file, "utf8"));
    if (key) return key;
  } catch {
    // not created yet
  }
  ensurePrivateDir(path.dirname(file));
  const key = crypto.randomBytes(32);
  // `wx`: if two processes race on first use, the loser reads the winner's key instead of overwriting it.
  try {
    fs.writeFileSync(file, key.toString("hex") + "\n", { mode: 0o600, flag: "wx" });
    return key;
  } catch {
    return parseKey(fs.readFileSync(file, "utf8"))!;
  }
}

const VERSION = "v1";

/** `v1.<iv>.<tag>.<ciphertext>` (base64url); the user id is bound in as associated data. */
export function sealTotpSecret(secret: string, userId: number): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", encryptionKey(), iv);
  cipher.setAAD(Buffer.from(`totp:${userId}`));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** The secret, or null when it cannot be decrypted (another key, a tampered row). */
export function openTotpSecret(sealed: string, userId: number): string | null {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || !body) return null;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", encryptionKey(), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(`totp:${userId}`));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
