/**
 * Stable pseudonymous references for de-identified files (Safe Harbor allows a re-identification code that is
 * not derived from the person and cannot be translated back): an HMAC-SHA-256 of the record's database id under
 * a key derived from the installation's secret. The same record always gets the same reference, so files
 * exported on different days can be joined; without the secret a reference reveals nothing, not even the id.
 */
import { createHmac } from "node:crypto";

export type RefKind = "procedure" | "patient" | "physician" | "complication";
const PREFIX: Record<RefKind, string> = { procedure: "PR-", patient: "PT-", physician: "PH-", complication: "CX-" };

export type Pseudonyms = (kind: RefKind, id: number) => string;

export function pseudonymizer(secret: string): Pseudonyms {
  // A key of its own, so the session-signing secret itself never keys anything that leaves the server.
  const key = createHmac("sha256", secret).update("mild-outcomes/csv-export/pseudonym/v1").digest();
  const cache = new Map<string, string>();
  return (kind, id) => {
    const input = `${kind}:${id}`;
    let ref = cache.get(input);
    if (ref === undefined) {
      // 64 bits: for 10^6 records the chance of any two colliding is about 3 × 10^-8.
      ref = PREFIX[kind] + createHmac("sha256", key).update(input).digest("hex").slice(0, 16);
      // Physicians recur on every row; procedures and patients mostly do not, so keep the cache small.
      if (kind === "physician") cache.set(input, ref);
    }
    return ref;
  };
}
