// Shared by the invalid-input suites: an invalid input must throw a RangeError naming the offending field.

import { expect } from "vitest";

export type Case = [label: string, call: () => unknown, field: string];

/** The message must start with "<family>: <field> " — the exact field path, not just a word inside it. */
export function expectRangeError(family: string, call: () => unknown, field: string): RangeError {
  let caught: unknown;
  try {
    call();
  } catch (e) {
    caught = e;
  }
  expect(caught, "expected a RangeError, but nothing was thrown").toBeInstanceOf(RangeError);
  expect((caught as RangeError).message.startsWith(`${family}: ${field} `), (caught as Error).message).toBe(true);
  return caught as RangeError;
}
