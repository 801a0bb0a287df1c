import { z } from "zod";
import { ROLES } from "@/db/enums";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { emailSchema } from "./auth";
import { siteReferenceSchema } from "./sites";

export const passwordSchema = z
  .string({ error: "Enter a password" })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256, "Use at most 256 characters");

const personNameSchema = z.string({ error: "Enter the person's name" }).trim().min(1, "Enter the person's name").max(200, "Name is too long");
const roleSchema = z.enum(ROLES, { error: "Choose physician, quality officer or admin" });

export const newUserSchema = z.object({
  email: emailSchema,
  name: personNameSchema,
  role: roleSchema,
  password: passwordSchema,
  siteId: siteReferenceSchema,
});
export type NewUser = z.infer<typeof newUserSchema>;

/** What an admin may change on an account besides its password and status; the email is the sign-in name and stays. */
export const userUpdateSchema = z.object({
  name: personNameSchema,
  role: roleSchema,
  siteId: siteReferenceSchema,
});
export type UserUpdate = z.infer<typeof userUpdateSchema>;

/** Forms ask for a new password twice: the admin types it unseen and a typo would lock the person out. */
const confirmed = <T extends { password: string; confirmPassword: string }>(v: T, ctx: z.RefinementCtx) => {
  if (v.password !== v.confirmPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The two passwords do not match" });
};
const confirmPasswordSchema = z.string({ error: "Type the password again" }).min(1, "Type the password again");

export const newUserFormSchema = newUserSchema.extend({ confirmPassword: confirmPasswordSchema }).superRefine(confirmed);
export const passwordResetFormSchema = z.object({ password: passwordSchema, confirmPassword: confirmPasswordSchema }).superRefine(confirmed);
