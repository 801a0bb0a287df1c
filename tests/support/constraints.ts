/**
 * The database's own refusal, on either backend. drizzle wraps driver errors ("Failed query: …") with the
 * driver's error as `cause`; SQLite says "CHECK constraint failed", PostgreSQL "violates check constraint".
 */
import { expect } from "vitest";

const PATTERNS = {
  check: /check constraint/i,
  unique: /unique constraint|duplicate key/i,
  "foreign key": /foreign key/i,
} as const;

export function messagesOf(error: unknown): string {
  const parts: string[] = [];
  for (let e = error as { message?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.message) parts.push(e.message);
  }
  return parts.join(" | ");
}

export async function expectRefusedBy(kind: keyof typeof PATTERNS, work: Promise<unknown>): Promise<void> {
  let error: unknown;
  try {
    await work;
  } catch (e) {
    error = e;
  }
  expect(error, `expected the database to refuse with a ${kind} constraint`).toBeDefined();
  expect(messagesOf(error)).toMatch(PATTERNS[kind]);
}
