/**
 * Email over SMTP with nodemailer: a pooled transport built from SMTP_URL. For `smtp://` the connection must be
 * upgraded with STARTTLS before anything is sent (`requireTLS`), because the messages carry patients' names and
 * links; a relay on the same machine without TLS can say so in the URL (`?requireTLS=false`). Options in the
 * URL's query string win over these defaults (nodemailer's URL options, e.g. `?maxConnections=1`).
 *
 * The pool is constructed directly: `nodemailer.createTransport({ url, … })` would parse the URL and silently
 * drop every other option given beside it (requireTLS and the CA among them).
 */
import nodemailer from "nodemailer";
import SMTPPool from "nodemailer/lib/smtp-pool";
import type { MailConfig } from "./config";
import { DeliveryError, type DeliverableMessage, type Delivery, type MessageChannel } from "./channel";

const DEFAULTS: Omit<SMTPPool.Options, "pool"> = {
  maxConnections: 3,
  requireTLS: true,
  connectionTimeout: 30_000,
  greetingTimeout: 30_000,
  socketTimeout: 60_000,
};

/** nodemailer's error: `responseCode` is the SMTP reply code when the server answered, absent when the connection failed. */
type SmtpError = Error & { responseCode?: number; code?: string; command?: string };

/**
 * A 5xx answer to the recipient or the message is the server's final word on this message (unknown mailbox,
 * content refused): trying again cannot help. Anything else — a broken connection, a 4xx, or a 5xx to the
 * greeting, STARTTLS, AUTH or the sender — is about the connection or our settings, and the message is kept
 * for a retry once they are fixed.
 */
function isPermanent(e: SmtpError): boolean {
  return typeof e.responseCode === "number" && e.responseCode >= 500 && (e.command === "RCPT TO" || e.command === "DATA");
}

export function createEmailChannel(config: MailConfig): MessageChannel {
  const options: SMTPPool.Options = { ...DEFAULTS, pool: true, url: config.url, ...(config.ca ? { tls: { ca: config.ca } } : {}) };
  const transport = nodemailer.createTransport(new SMTPPool(options));
  return {
    name: "email",
    async send(message: DeliverableMessage): Promise<Delivery> {
      try {
        const info = await transport.sendMail({
          from: config.from,
          to: message.recipient,
          subject: message.subject ?? "",
          text: message.bodyText,
          ...(message.bodyHtml ? { html: message.bodyHtml } : {}),
          messageId: message.messageId,
          // RFC 3834: no out-of-office replies to an automatic message.
          headers: { "Auto-Submitted": "auto-generated" },
        });
        return { providerMessageId: info.messageId, providerResponse: info.response };
      } catch (error) {
        const e = error as SmtpError;
        throw new DeliveryError(`${e.code ? `${e.code}: ` : ""}${e.message}`, isPermanent(e));
      }
    },
    async close() {
      transport.close();
    },
  };
}
