/**
 * The data folder holds patient data (the SQLite file, its WAL, backups) and the keys that protect it (session
 * secret, TOTP key, audit key, audit checkpoints). The app creates all of it for its own user only: folders 0700,
 * files 0600, whatever the umask. A folder that already exists is left as it is: it may be shared (`/tmp`) or
 * set up by the operator on purpose.
 */
import fs from "node:fs";
import path from "node:path";

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` and any missing parents 0700. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Creates `file` empty and 0600 when it does not exist yet, so whatever opens it next finds it private: SQLite
 * gives a database's WAL and shared-memory files the database file's own permissions.
 */
export function ensurePrivateFile(file: string): void {
  ensurePrivateDir(path.dirname(file));
  try {
    fs.closeSync(fs.openSync(file, "wx", PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}
