import { describe, expect, it } from "vitest";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/dal/errors";
import { formDataToObject, formSaved, formStateFromError, typedValues } from "@/lib/validation/formData";
import { procedureSchema } from "@/lib/validation/records";

function fd(entries: [string, string | Blob][]) {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

describe("formDataToObject", () => {
  it("keeps one string per ordinary field, exactly as typed", () => {
    expect(
      formDataToObject(
        fd([
          ["mrn", " A-1 "],
          ["name", "Ana Lopez"],
          ["odi", ""],
        ]),
      ),
    ).toEqual({ mrn: " A-1 ", name: "Ana Lopez", odi: "" });
  });

  it("collects every value of a multi field, in order", () => {
    const out = formDataToObject(
      fd([
        ["levels", "L3-L4"],
        ["side", "left"],
        ["levels", "L4-L5"],
      ]),
      { multi: ["levels"] },
    );
    expect(out).toEqual({ levels: ["L3-L4", "L4-L5"], side: "left" });
  });

  it("gives an empty array for a multi field with nothing ticked, so the schema says which field is missing", () => {
    expect(formDataToObject(fd([["side", "left"]]), { multi: ["levels"] })).toEqual({ levels: [], side: "left" });
  });

  it("takes the first value when an ordinary field repeats", () => {
    expect(
      formDataToObject(
        fd([
          ["timepoint", "week_6"],
          ["timepoint", "month_3"],
        ]),
      ),
    ).toEqual({ timepoint: "week_6" });
  });

  it("leaves unticked checkboxes absent (the schema reads absent as false) and ticked ones as 'on'", () => {
    const out = formDataToObject(fd([["diabetes", "on"]]));
    expect(out).toEqual({ diabetes: "on" });
    expect("smoking" in out).toBe(false);
  });

  it("drops React's $ACTION transport fields and files", () => {
    const out = formDataToObject(
      fd([
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", "{}"],
        ["$ACTION_KEY", "k"],
        ["upload", new Blob(["x"])],
        ["mrn", "7"],
      ]),
    );
    expect(out).toEqual({ mrn: "7" });
  });

  it("produces what the procedure schema accepts, levels included", () => {
    const out = formDataToObject(
      fd([
        ["patientId", "4"],
        ["siteId", "1"],
        ["procedureDate", "2026-03-02"],
        ["levels", "L4-L5"],
        ["levels", "L3-L4"],
        ["side", "bilateral"],
        ["anaesthesia", "local"],
        ["priorTreatmentType", "fusion"],
        ["priorTreatmentDate", "2025-10-01"],
        ["priorTreatmentAcknowledged", "on"],
      ]),
      { multi: ["levels"] },
    );
    const parsed = procedureSchema.parse(out);
    expect(parsed.levels).toBe("L3-L4,L4-L5");
    expect(parsed.priorTreatmentFlag).toBe(true);
    expect(parsed.priorTreatmentAcknowledged).toBe(true);
  });
});

describe("formStateFromError", () => {
  const values = { mrn: "x" };

  it("returns field errors and the typed values for a validation refusal, counting the attempt", () => {
    const state = formStateFromError(new ValidationError({ mrn: ["Enter the medical record number"] }), values, null);
    expect(state).toEqual({ ok: false, fieldErrors: { mrn: ["Enter the medical record number"] }, values, attempt: 1 });
    expect(formStateFromError(new ValidationError({}), values, state).attempt).toBe(2);
  });

  it("turns a refusal of access into a form-level message without field errors", () => {
    expect(formStateFromError(new ForbiddenError("Already adjudicated"), values, null)).toMatchObject({ formError: "Already adjudicated", fieldErrors: {} });
    expect(formStateFromError(new NotFoundError("Procedure"), values, null).formError).toMatch(/no longer exists or you do not have access/);
  });

  it("rethrows anything that is not a refusal", () => {
    const fault = new Error("disk full");
    expect(() => formStateFromError(fault, values, null)).toThrow(fault);
  });
});

describe("one form contract for record, admin and account forms", () => {
  it("answers a save that stays on the page with its message, counting the attempt", () => {
    expect(formSaved(null, "Saved")).toEqual({ ok: true, message: "Saved", attempt: 1 });
    expect(formSaved({ ok: true, message: "Saved", attempt: 3 }, "Again")?.attempt).toBe(4);
  });

  it("never sends passwords or codes back in a refused form's values", () => {
    expect(typedValues({ name: "Ana", password: "secret-1", confirmPassword: "secret-1", code: "123456" })).toEqual({ name: "Ana" });
  });

  it("lets an action word its own refusals before the common ones", () => {
    const refine = (e: unknown) => (e instanceof ForbiddenError ? { formError: `${e.message}. Sign in again.` } : undefined);
    expect(formStateFromError(new ForbiddenError("Administrators only"), {}, null, refine).formError).toBe("Administrators only. Sign in again.");
    expect(formStateFromError(new ValidationError({ code: ["Enter the 6-digit code"] }), {}, null, refine).fieldErrors).toEqual({
      code: ["Enter the 6-digit code"],
    });
  });
});
