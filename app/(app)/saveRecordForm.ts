import "server-only";
import { redirect } from "next/navigation";
import { formDataToObject, formStateFromError, type FormState, type FormValues } from "@/lib/validation/formData";

/**
 * The body of every record form's server action. The DAL validates, authorizes and audits; this translates
 * between the form and it: the form's values, the write (the action has asked for the principal first), then
 * `done` refreshes the screens that show the record and names the page to go to. A refusal answers the form with its messages
 * beside the fields and the values as typed.
 */
export async function saveRecordForm<T>(
  previous: FormState,
  formData: FormData,
  save: (values: FormValues) => Promise<T>,
  done: (saved: T, values: FormValues) => string,
  options?: { multi?: readonly string[] },
): Promise<FormState> {
  const values = formDataToObject(formData, options);
  let saved: T;
  try {
    saved = await save(values);
  } catch (error) {
    return formStateFromError(error, values, previous);
  }
  redirect(done(saved, values));
}
