/**
 * Audit checkpoints: the head of the chain (last id and its hash) at a moment, signed with the audit key and
 * appended as one JSON line to a file outside the database. The chain alone cannot show that its newest rows were
 * removed (what is left still links up); a checkpoint naming a row that is gone, or a different row at its id,
 * can. Written by `npm run audit:checkpoint`, by the server once a day and after every export and import.
 *
 * The file lives in AUDIT_CHECKPOINT_DIR, by default `audit-checkpoints/` beside the database file (like the keys,
 * in DATABASE_PATH's folder also when the data lives in PostgreSQL). Lines are only ever appended; put the folder
 * on storage that allows nothing else (`chattr +a`, a WORM or remote log volume) and copy the file elsewhere too:
 * `npm run audit:verify -- --checkpoints COPY` checks the database against a copy.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ensurePrivateDir, PRIVATE_FILE_MODE } from "@/db/privateFiles";
import { configuredDatabaseFile } from "./auditKey";

export type Checkpoint = { lastId: number; hash: string; at: string };
export type SignedCheckpoint = Checkpoint & { mac: string };
/** The file's lines: those signed with the key, and the numbers (1-based) of those that are not. */
export type CheckpointLog = { checkpoints: Checkpoint[]; unsigned: number[]; file: string };

export const CHECKPOINT_FILE_NAME = "audit-checkpoints.jsonl";
const CONTEXT = "mild-audit-checkpoint-v1";

export function checkpointFile(databaseFile = configuredDatabaseFile()): string {
  const dir = process.env.AUDIT_CHECKPOINT_DIR
    ? path.resolve(/*turbopackIgnore: true*/ process.env.AUDIT_CHECKPOINT_DIR)
    : path.join(path.dirname(path.resolve(/*turbopackIgnore: true*/ databaseFile)), "audit-checkpoints");
  return path.join(dir, CHECKPOINT_FILE_NAME);
}

function macOf(c: Checkpoint, key: Buffer): string {
  return createHmac("sha256", key)
    .update(JSON.stringify([CONTEXT, c.lastId, c.hash, c.at]))
    .digest("hex");
}

export function signCheckpoint(c: Checkpoint, key: Buffer): SignedCheckpoint {
  return { lastId: c.lastId, hash: c.hash, at: c.at, mac: macOf(c, key) };
}

/** Appends one signed line and forces it to disk before returning. */
export function appendCheckpoint(c: Checkpoint, key: Buffer, file = checkpointFile()): SignedCheckpoint {
  const signed = signCheckpoint(c, key);
  ensurePrivateDir(path.dirname(file));
  const fd = fs.openSync(/*turbopackIgnore: true*/ file, "a", PRIVATE_FILE_MODE);
  try {
    fs.writeSync(fd, JSON.stringify(signed) + "\n");
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return signed;
}

function verified(line: string, key: Buffer): Checkpoint | null {
  try {
    const v = JSON.parse(line) as Partial<SignedCheckpoint>;
    if (!Number.isInteger(v.lastId) || typeof v.hash !== "string" || typeof v.at !== "string" || typeof v.mac !== "string") return null;
    const c = { lastId: v.lastId!, hash: v.hash, at: v.at };
    const expected = Buffer.from(macOf(c, key), "hex");
    const given = Buffer.from(v.mac, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected) ? c : null;
  } catch {
    return null;
  }
}

/** Every line of the file, checked against `key`; no file is an empty log. */
export function readCheckpoints(key: Buffer, file = checkpointFile()): CheckpointLog {
  let text = "";
  try {
    text = fs.readFileSync(/*turbopackIgnore: true*/ file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const log: CheckpointLog = { checkpoints: [], unsigned: [], file };
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    const c = verified(line, key);
    if (c) log.checkpoints.push(c);
    else log.unsigned.push(i + 1);
  });
  return log;
}
