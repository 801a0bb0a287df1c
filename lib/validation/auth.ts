import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Email is too long")
  .pipe(z.email({ error: "Enter a valid email address" }));

export const signInCredentialsSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password").max(1024, "Password is too long"),
});
