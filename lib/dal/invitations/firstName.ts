/** The name a message and the questionnaire greet the patient by: the first word of the recorded name. */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? "";
}
