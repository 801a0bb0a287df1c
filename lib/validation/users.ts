import { z } from "zod";
import { ROLES } from "@/db/enums";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { emailSchema } from "./auth";
import { hasNoControlCharacters, noControlCharacters } from "./fields";
import { recordIdSchema, siteReferenceSchema } from "./sites";
import { recordIdField } from "./recordId";

export const passwordSchema = z
  .string({ error: "Enter a password" })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256, "Use at most 256 characters");

const personNameSchema = z
  .string({ error: "Enter the person's name" })
  .trim()
  .min(1, "Enter the person's name")
  .max(200, "Name is too long")
  .refine(hasNoControlCharacters, noControlCharacters("The name"));
const roleSchema = z.enum(ROLES, { error: "Choose physician, quality officer, admin or coordinator" });

/** The sites a coordinator works for: ticked checkboxes (text) from a form, numbers from a script. */
const coordinatorSitesSchema = z
  .array(z.preprocess((v) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v), recordIdField("Choose sites from the list")))
  .max(100, "Choose fewer sites")
  .default([]);

/** A coordinator must work for at least one site; any other role has none (its site is `siteId`). */
function withCoordinatorSites<T extends { role: (typeof ROLES)[number]; coordinatorSiteIds: number[] }>(v: T, ctx: z.RefinementCtx) {
  if (v.role === "coordinator" && v.coordinatorSiteIds.length === 0) {
    ctx.addIssue({ code: "custom", path: ["coordinatorSiteIds"], message: "Choose at least one site the coordinator works for" });
  }
}
const sitesFor = <T extends { role: (typeof ROLES)[number]; coordinatorSiteIds: number[] }>(v: T): T => ({
  ...v,
  coordinatorSiteIds: v.role === "coordinator" ? [...new Set(v.coordinatorSiteIds)] : [],
});

const newUserFields = z.object({
  email: emailSchema,
  name: personNameSchema,
  role: roleSchema,
  password: passwordSchema,
  siteId: siteReferenceSchema,
  coordinatorSiteIds: coordinatorSitesSchema,
});
export const newUserSchema = newUserFields.superRefine(withCoordinatorSites).transform(sitesFor);

/** What an admin may change on an account besides its password and status; the email is the sign-in name and stays. */
const userUpdateFields = z.object({
  name: personNameSchema,
  role: roleSchema,
  siteId: siteReferenceSchema,
  coordinatorSiteIds: coordinatorSitesSchema,
});
export const userUpdateSchema = userUpdateFields.superRefine(withCoordinatorSites).transform(sitesFor);
export const userUpdateFormSchema = userUpdateFields.extend({ id: recordIdSchema }).superRefine(withCoordinatorSites).transform(sitesFor);

/** Forms ask for a new password twice: the admin types it unseen and a typo would lock the person out. */
const confirmPasswordSchema = z.string({ error: "Type the password again" }).min(1, "Type the password again");

function withConfirmedPassword<T extends z.ZodType<{ password: string; confirmPassword: string }>>(schema: T) {
  return schema.refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    error: "The two passwords do not match",
    // Compare whenever both were typed, even if other fields failed, so every problem is reported at once.
    when: ({ value, issues }) => {
      if (typeof value !== "object" || value === null) return false;
      const v = value as { password?: unknown; confirmPassword?: unknown };
      return (
        typeof v.password === "string" &&
        typeof v.confirmPassword === "string" &&
        v.confirmPassword !== "" &&
        !issues.some((i) => i.path?.[0] === "confirmPassword")
      );
    },
  });
}

export const newUserFormSchema = withConfirmedPassword(newUserFields.extend({ confirmPassword: confirmPasswordSchema }))
  .superRefine(withCoordinatorSites)
  .transform(sitesFor);
export const passwordResetFormSchema = withConfirmedPassword(z.object({ password: passwordSchema, confirmPassword: confirmPasswordSchema }));
