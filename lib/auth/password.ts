/** Password hashing with bcrypt (cost 12): slow enough to resist offline guessing, no native build needed. */
import bcrypt from "bcryptjs";

export const BCRYPT_COST = 12;
export const MIN_PASSWORD_LENGTH = 8;

export function hashPassword(plain: string, cost = BCRYPT_COST): Promise<string> {
  return bcrypt.hash(plain, cost);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

// Compared against when the account does not exist, so a wrong e-mail costs the same time as a wrong password.
export const DUMMY_HASH = "$2b$12$lico2qRjAxPy2UObqBrmHu3sEj4AZkIlrdeY.dMpGi9zok2SY45N6";
