import { z } from "zod";
import { ROLES } from "@/db/enums";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { emailSchema } from "./auth";
import { hasNoControlCharacters, noControlCharacters } from "./fields";
import { siteReferenceSchema } from "./sites";

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
const roleSchema = z.enum(ROLES, { error: "Choose physician, quality officer or admin" });

export const newUserSchema = z.object({
  email: emailSchema,
  name: personNameSchema,
  role: roleSchema,
  password: passwordSchema,
  siteId: siteReferenceSchema,
});

/** What an admin may change on an account besides its password and status; the email is the sign-in name and stays. */
export const userUpdateSchema = z.object({
  name: personNameSchema,
  role: roleSchema,
  siteId: siteReferenceSchema,
});

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

export const newUserFormSchema = withConfirmedPassword(newUserSchema.extend({ confirmPassword: confirmPasswordSchema }));
export const passwordResetFormSchema = withConfirmedPassword(z.object({ password: passwordSchema, confirmPassword: confirmPasswordSchema }));
