/**
 * Limits both backends share: PostgreSQL stores no NUL in text and no id above 2^31 − 1, so the forms refuse them
 * with a message beside the field instead of a database error (SQLite would have taken them silently).
 */
import { describe, expect, it } from "vitest";
import { requiredId } from "@/lib/validation/fields";
import { parseOutcomeFilters } from "@/lib/outcomes/outcomeFilters";
import { MAX_RECORD_ID, parseRecordId } from "@/lib/validation/recordId";
import { newSiteSchema, recordIdSchema, siteReferenceSchema, siteUpdateSchema } from "@/lib/validation/sites";
import { newUserSchema, userUpdateSchema } from "@/lib/validation/users";

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? [] : r.error!.issues.map((i) => i.message));

describe("names of sites and people", () => {
  it.each(["Main\u0000Street", "Tab\u0007bell", "del\u007f"])("refuse a control character in a site name (%j)", (name) => {
    expect(messages(siteUpdateSchema.safeParse({ name }))).toEqual(["The site's name contains a control character; retype it without pasting"]);
    expect(messages(newSiteSchema.safeParse({ code: "NEW", name }))).toContain("The site's name contains a control character; retype it without pasting");
  });

  it("refuse a control character in a person's name, on creation and on rename", () => {
    const base = { email: "new@clinic.org", role: "physician", password: "long enough 1", confirmPassword: "long enough 1", siteId: "" };
    expect(messages(newUserSchema.safeParse({ ...base, name: "Dr\u0000 Who" }))).toContain("The name contains a control character; retype it without pasting");
    expect(messages(userUpdateSchema.safeParse({ name: "Dr\u0000 Who", role: "physician", siteId: "" }))).toContain(
      "The name contains a control character; retype it without pasting",
    );
  });

  it("accept accents, emoji and punctuation", () => {
    expect(siteUpdateSchema.safeParse({ name: "Clínica São João – Süd 🦴" }).success).toBe(true);
  });
});

describe("record ids", () => {
  it("accept the largest id the database stores and refuse the next", () => {
    expect(recordIdSchema.safeParse(String(MAX_RECORD_ID)).success).toBe(true);
    expect(recordIdSchema.safeParse(String(MAX_RECORD_ID + 1)).success).toBe(false);
    expect(siteReferenceSchema.safeParse(String(MAX_RECORD_ID + 1)).success).toBe(false);
    expect(requiredId("patient").safeParse(String(MAX_RECORD_ID + 1)).success).toBe(false);
    expect(messages(requiredId("patient").safeParse("2147483648"))).toEqual(["Choose the patient"]);
  });
});

describe("one reading of a record id (URL, search parameter, form field, action argument)", () => {
  it("reads digits and whole numbers from 1 to the largest id, and nothing else", () => {
    expect(["1", " 42 ", "0007", String(MAX_RECORD_ID), 5].map(parseRecordId)).toEqual([1, 42, 7, MAX_RECORD_ID, 5]);
    const refused = ["", "0", "-1", "1.5", "1e3", "0x10", "١٢", String(MAX_RECORD_ID + 1), "99999999999", 0, 1.5, true, null, undefined, ["1"], {}];
    expect(refused.map(parseRecordId)).toEqual(refused.map(() => null));
  });

  it("gives the same answer in a form schema and a filter parameter", () => {
    for (const raw of ["12", "1e3", "0", String(MAX_RECORD_ID + 1)]) {
      const expected = parseRecordId(raw) !== null;
      expect(recordIdSchema.safeParse(raw).success).toBe(expected);
      expect(requiredId("patient").safeParse(raw).success).toBe(expected);
      expect(parseOutcomeFilters({ physician: raw }).success).toBe(expected);
    }
  });
});
