/**
 * Mail settings from the environment, checked once: SMTP_URL (e.g. `smtp://user:pass@mail.example.org:587`,
 * STARTTLS; `smtps://…:465` for TLS from the first byte), MAIL_FROM (`Clinic <outcomes@clinic.example>`) and
 * SMTP_CA_FILE (a PEM file of the certificate authority to trust, for a mail server with an internal
 * certificate). Without SMTP_URL nothing is sent: messages wait in the outbox, readable at /admin/outbox.
 */
import fs from "node:fs";
import { z } from "zod";

export type MailConfig = {
  /** nodemailer's connection URL; its query string may set options (`?requireTLS=false` for a local relay). */
  url: string;
  from: string;
  /** PEM text of an extra certificate authority to trust. */
  ca?: string;
};

const environmentSchema = z.object({
  SMTP_URL: z
    .string()
    .trim()
    .regex(/^smtps?:\/\/[^\s]+$/, "SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.org:587")
    .optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .regex(/^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, 'MAIL_FROM must be an address, e.g. "Spine Clinic <outcomes@clinic.example>"')
    .optional(),
  SMTP_CA_FILE: z.string().trim().min(1).optional(),
});

const blankToUndefined = (env: NodeJS.ProcessEnv) =>
  Object.fromEntries(["SMTP_URL", "MAIL_FROM", "SMTP_CA_FILE"].map((k) => [k, env[k]?.trim() ? env[k] : undefined]));

/** The mail settings, or null when SMTP_URL is not set (messages then stay queued). Throws naming a bad setting. */
export function mailConfigFrom(env: NodeJS.ProcessEnv = process.env): MailConfig | null {
  const parsed = environmentSchema.safeParse(blankToUndefined(env));
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join("; "));
  const { SMTP_URL, MAIL_FROM, SMTP_CA_FILE } = parsed.data;
  if (!SMTP_URL) return null;
  if (!MAIL_FROM) throw new Error('SMTP_URL is set but MAIL_FROM is not: set the sender, e.g. MAIL_FROM="Spine Clinic <outcomes@clinic.example>"');
  return { url: SMTP_URL, from: MAIL_FROM, ...(SMTP_CA_FILE ? { ca: fs.readFileSync(SMTP_CA_FILE, "utf8") } : {}) };
}

/** The domain our Message-ID headers carry: the sender's, or a reserved name when no sender is set yet. */
export function messageIdDomain(env: NodeJS.ProcessEnv = process.env): string {
  const from = env.MAIL_FROM?.trim() ?? "";
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1];
  return domain ? domain.toLowerCase() : "mild-outcomes.invalid";
}
