/**
 * What an admin server action hands back to its form. On refusal it returns the typed values (never
 * passwords) so the form can show them again, and a message per field to show beside it. `submission`
 * changes on every answer so the form re-mounts with those values as its defaults.
 */
export type FieldErrors = Partial<Record<string, string[]>>;

export type ActionState =
  | { ok: true; message: string; submission: string }
  | { ok: false; message: string; fieldErrors: FieldErrors; values: Record<string, string>; submission: string }
  | null;

export type AdminAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;
