import { z } from "zod";
import { ROLES } from "@/db/enums";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { emailSchema } from "./auth";

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256, "Use at most 256 characters");

export const newUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, "Enter the person's name").max(200, "Name is too long"),
  role: z.enum(ROLES, { error: "Choose physician, quality officer or admin" }),
  password: passwordSchema,
  siteId: z.number().int().positive().nullable().default(null),
});
export type NewUser = z.infer<typeof newUserSchema>;
