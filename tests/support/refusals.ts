import { ValidationError } from "@/lib/dal/errors";

/** The field messages of a write the data layer refused; any other outcome (a success, another error) fails the test. */
export async function fieldErrorsOf(p: Promise<unknown>): Promise<Record<string, string[]>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ValidationError) return e.fieldErrors;
    throw e;
  }
  throw new Error("expected a refusal");
}
