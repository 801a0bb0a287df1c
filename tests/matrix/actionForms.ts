/**
 * What the action matrix (tests/integration/actions-matrix.test.ts) sends and reads: valid form input for each
 * kind of record, FormData as the browser posts it, and the answer (or the signal thrown) as one of the table's
 * outcomes.
 */
import { ForbiddenError, NotFoundError } from "@/lib/dal/errors";
import { addDaysIso, todayIso } from "@/lib/outcomes/dates";
import type { ActionOutcome } from "./actionExpectations";

export const daysAgo = (n: number) => addDaysIso(todayIso(), -n);

export const form = (values: Record<string, string | string[]>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one);
  return fd;
};

/** `physicianId`: the physician a coordinator enters the record for (ignored for a physician, whose records are their own). */
export const patientForm = (siteId: number, n: number, physicianId: number) => ({
  siteId: String(siteId),
  physicianId: String(physicianId),
  mrn: `AM-${n}`,
  name: "Matrix Patient",
  dateOfBirth: "1950-01-02",
  sex: "female",
  diagnosis: "stenosis",
});
export const procedureForm = (siteId: number, patientId: number, physicianId: number) => ({
  patientId: String(patientId),
  physicianId: String(physicianId),
  siteId: String(siteId),
  procedureDate: daysAgo(100),
  levels: ["L4-L5"],
  side: "bilateral",
  anaesthesia: "local",
});
export const assessmentForm = (procedureId: number) => ({
  procedureId: String(procedureId),
  timepoint: "unscheduled",
  assessedOn: daysAgo(10),
  nprsBack: "3",
  nprsLeg: "2",
  odi: "20",
});
export const complicationForm = (procedureId: number) => ({
  procedureId: String(procedureId),
  type: "hematoma",
  onsetDate: daysAgo(90),
  grade: "2",
  relatedness: "procedure",
  outcome: "resolved",
});

/** Reads what came back (or was thrown) as one of the table's outcomes. */
export async function outcomeOf(
  signals: { SignInRequired: new (...args: never[]) => Error; Redirected: new (...args: never[]) => Error & { url: string } },
  call: Promise<unknown>,
): Promise<ActionOutcome | string> {
  let result: unknown;
  try {
    result = await call;
  } catch (error) {
    if (error instanceof signals.SignInRequired) return "login";
    if (error instanceof signals.Redirected) return error.url.startsWith("/login?callbackUrl") ? `unexpected redirect ${error.url}` : "ok";
    if (error instanceof ForbiddenError) return "forbidden";
    if (error instanceof NotFoundError) return "notFound";
    return `unexpected ${(error as Error).name}: ${(error as Error).message}`;
  }
  if (result === null || typeof result !== "object") return `unexpected result ${JSON.stringify(result)}`;
  const r = result as { ok?: boolean; formError?: string; message?: string; fieldErrors?: Record<string, unknown>; attempt?: number; checkedAt?: string };
  if (r.checkedAt) return "ok"; // the audit chain's verdict
  if (r.ok === true) return "ok";
  const message = r.formError ?? r.message ?? "";
  if (/no longer exists|not found/i.test(message)) return "notFound";
  if (/only|not allowed|do not write/i.test(message) && Object.keys(r.fieldErrors ?? {}).length === 0) return "forbidden";
  if (Object.keys(r.fieldErrors ?? {}).length > 0 || message) return "invalid";
  return `unexpected result ${JSON.stringify(result)}`;
}
