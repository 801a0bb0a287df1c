/**
 * The outbox against a real SMTP server on loopback (smtp-server), read back with mailparser: what was queued is
 * what arrives, over STARTTLS; a server that dies mid-drain leaves the rest queued and retried, and after its
 * restart every message arrives exactly once; refusals and exhausted retries end as failed with the last error;
 * two drainers at once never send the same message.
 */
import { afterEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { transaction } from "@/db/client";
import { outboxMessages } from "@/db/schema";
import { queueMessage } from "@/lib/dal/messaging/outbox";
import { claimDueMessages } from "@/lib/dal/messaging/outboxDelivery";
import { mailConfigFrom } from "@/lib/messaging/config";
import { drainOutbox } from "@/lib/messaging/drainOutbox";
import { createEmailChannel } from "@/lib/messaging/emailChannel";
import type { MessageChannel } from "@/lib/messaging/channel";
import { tempDatabaseForFile } from "../support/tempDb";
import { startSmtpSink, type SmtpSink } from "../support/smtpSink";

const { db } = await tempDatabaseForFile("outbox-smtp");

const FROM = "Spine Clinic <outcomes@clinic.example>";
const AUTH = { user: "mild", pass: "s3cret:with@odd/chars" };
const RETRY = { maxAttempts: 3, baseDelayMs: 60_000, maxDelayMs: 3_600_000 };

let sinks: SmtpSink[] = [];
let channels: MessageChannel[] = [];
afterEach(async () => {
  await Promise.all(channels.map((c) => c.close()));
  await Promise.all(sinks.map((s) => s.close()));
  channels = [];
  sinks = [];
  await db.delete(outboxMessages);
});

async function sink(options: Parameters<typeof startSmtpSink>[0] = {}) {
  const s = await startSmtpSink({ tls: true, auth: AUTH, ...options });
  sinks.push(s);
  return s;
}

function emailTo(s: SmtpSink, extra: { query?: string; ca?: boolean } = {}) {
  const config = mailConfigFrom({
    NODE_ENV: "test",
    SMTP_URL: s.url({ query: extra.query }),
    MAIL_FROM: FROM,
    ...(extra.ca !== false && s.caFile ? { SMTP_CA_FILE: s.caFile } : {}),
  })!;
  const channel = createEmailChannel(config);
  channels.push(channel);
  return channel;
}

async function queue(n: number, overrides: Partial<Parameters<typeof queueMessage>[1]> = {}) {
  return transaction(async (tx) => {
    const ids: { id: number; messageId: string }[] = [];
    for (let i = 1; i <= n; i++) {
      ids.push(
        await queueMessage(tx, {
          channel: "email",
          to: `patient${i}@example.org`,
          subject: `Your questionnaire ${i}`,
          text: `Hello ${i}, please answer: https://clinic.example/q/token-${i}`,
          html: `<p>Hello ${i}, please <a href="https://clinic.example/q/token-${i}">answer</a>.</p>`,
          kind: "invitation",
          entity: "invitation",
          entityId: i,
          ...overrides,
        }),
      );
    }
    return ids;
  });
}

const rows = () => db.select().from(outboxMessages).orderBy(outboxMessages.id);
const minutesLater = (m: number) => () => new Date(Date.now() + m * 60_000);

describe("sending through SMTP", () => {
  it("delivers a queued message over STARTTLS with authentication and records it sent with the server's reply", async () => {
    const s = await sink();
    const [queued] = await queue(1);
    const report = await drainOutbox({ channels: { email: emailTo(s) }, retry: RETRY });
    expect(report).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(s.received).toHaveLength(1);
    const { mail, secure, user, envelopeTo } = s.received[0]!;
    expect(secure).toBe(true);
    expect(user).toBe(AUTH.user);
    expect(envelopeTo).toEqual(["patient1@example.org"]);
    expect(mail.from?.value[0]).toEqual({ name: "Spine Clinic", address: "outcomes@clinic.example" });
    expect(mail.subject).toBe("Your questionnaire 1");
    expect(mail.text?.trim()).toBe("Hello 1, please answer: https://clinic.example/q/token-1");
    expect(mail.html).toContain('<a href="https://clinic.example/q/token-1">answer</a>');
    expect(mail.messageId).toBe(queued!.messageId);
    expect(mail.headers.get("auto-submitted")).toBe("auto-generated");

    const [row] = await rows();
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null, claimToken: null, providerMessageId: queued!.messageId });
    expect(row!.providerResponse).toMatch(/^250 .*queued as sink-1/);
    expect(row!.sentAt).not.toBeNull();
  });

  it("refuses to send in clear text to a server that offers no STARTTLS, keeping the message queued for a retry", async () => {
    const s = await startSmtpSink({});
    sinks.push(s);
    await queue(1);
    const report = await drainOutbox({ channels: { email: emailTo(s) }, retry: RETRY });
    expect(report).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(s.accepted()).toBe(0);
    const [row] = await rows();
    expect(row).toMatchObject({ status: "queued", attempts: 1 });
    expect(row!.lastError).toMatch(/STARTTLS/i);
  });

  it("does not trust a self-signed certificate unless SMTP_CA_FILE names it", async () => {
    const s = await sink();
    await queue(1);
    const report = await drainOutbox({ channels: { email: emailTo(s, { ca: false }) }, retry: RETRY });
    expect(report.retrying).toBe(1);
    expect(s.accepted()).toBe(0);
    expect((await rows())[0]!.lastError).toMatch(/self[- ]signed|certificate/i);
  });

  it("never sends a message queued in a transaction that rolled back", async () => {
    const s = await sink();
    await expect(
      transaction(async (tx) => {
        await queueMessage(tx, { channel: "email", to: "patient@example.org", subject: "Hello", text: "Hi", kind: "invitation" });
        throw new Error("the change that caused the message failed");
      }),
    ).rejects.toThrow("the change that caused the message failed");
    expect(await rows()).toHaveLength(0);
    expect(await drainOutbox({ channels: { email: emailTo(s) }, retry: RETRY })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(s.accepted()).toBe(0);
  });

  it("refuses to queue a subject with a line break or a malformed address", async () => {
    await expect(queue(1, { subject: "Hello\r\nBcc: everyone@example.org" })).rejects.toMatchObject({ fieldErrors: { subject: ["must be one line"] } });
    await expect(queue(1, { to: "not an address" })).rejects.toMatchObject({ fieldErrors: { to: expect.any(Array) } });
    expect(await rows()).toHaveLength(0);
  });
});

describe("failures", () => {
  it("a server stopped mid-drain leaves the rest queued and retried; after its restart every message arrives exactly once", async () => {
    const s = await sink({ stopAfter: 5 });
    const queued = await queue(12);
    const email = emailTo(s);

    const first = await drainOutbox({ channels: { email }, retry: RETRY });
    expect(first.failed).toBe(0);
    expect(first.sent).toBeGreaterThanOrEqual(5);
    expect(first.sent + first.retrying).toBe(12);
    const afterCrash = await rows();
    expect(afterCrash.filter((r) => r.status === "sent")).toHaveLength(first.sent);
    for (const r of afterCrash.filter((r) => r.status !== "sent")) {
      expect(r).toMatchObject({ status: "queued", attempts: 1, claimToken: null });
      expect(r.lastError).not.toBeNull();
      expect(r.nextAttemptAt > new Date().toISOString()).toBe(true);
    }

    // Still backing off: a pass now sends nothing and costs no attempt.
    expect(await drainOutbox({ channels: { email }, retry: RETRY })).toEqual({ sent: 0, retrying: 0, failed: 0 });

    await s.start();
    const second = await drainOutbox({ channels: { email }, retry: RETRY, now: minutesLater(2) });
    expect(second).toEqual({ sent: first.retrying, retrying: 0, failed: 0 });

    const ids = s.received.map((r) => r.mail.messageId);
    expect(ids).toHaveLength(12);
    expect(new Set(ids)).toEqual(new Set(queued.map((q) => q.messageId)));
    expect((await rows()).every((r) => r.status === "sent")).toBe(true);
  });

  it("a permanent refusal (550) fails the message at once with the server's answer", async () => {
    const s = await sink({ refuse: ["patient1@example.org"] });
    await queue(2);
    const report = await drainOutbox({ channels: { email: emailTo(s) }, retry: RETRY });
    expect(report).toEqual({ sent: 1, retrying: 0, failed: 1 });
    const [refused, delivered] = await rows();
    expect(refused).toMatchObject({ status: "failed", attempts: 1, sentAt: null });
    expect(refused!.lastError).toMatch(/550/);
    expect(delivered!.status).toBe("sent");
  });

  it("a message that never gets through is failed after its last attempt, with the last error", async () => {
    const s = await sink();
    const email = emailTo(s);
    await s.stop();
    await queue(1);
    const passes = [];
    // Each pass at the moment the previous back-off ends: 1 min, then 2 min after that.
    for (const at of [0, 1.5, 4, 10]) passes.push(await drainOutbox({ channels: { email }, retry: RETRY, now: minutesLater(at) }));
    expect(passes.map((p) => [p.retrying, p.failed])).toEqual([
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 0],
    ]);
    const [row] = await rows();
    expect(row).toMatchObject({ status: "failed", attempts: 3 });
    expect(row!.lastError).toMatch(/ECONNREFUSED.*after 3 attempts/);
  });
});

describe("claims", () => {
  it("two drainers running at once never send the same message", async () => {
    const s = await sink();
    const queued = await queue(30);
    const [a, b] = await Promise.all([
      drainOutbox({ channels: { email: emailTo(s) }, retry: RETRY, batchSize: 4 }),
      drainOutbox({ channels: { email: emailTo(s) }, retry: RETRY, batchSize: 4 }),
    ]);
    expect(a.sent + b.sent).toBe(30);
    const ids = s.received.map((r) => r.mail.messageId);
    expect(ids).toHaveLength(30);
    expect(new Set(ids)).toEqual(new Set(queued.map((q) => q.messageId)));
    const [{ attempts }] = await db.select({ attempts: sql<number>`sum(${outboxMessages.attempts})` }).from(outboxMessages);
    expect(Number(attempts)).toBe(30);
  });

  it("a message claimed by a drainer that died is sent by another once the lease runs out, and only then", async () => {
    const s = await sink();
    await queue(1);
    const claimed = await claimDueMessages({ now: new Date(), limit: 10, leaseMs: 10 * 60_000, maxAttempts: 3, claimToken: "drainer-that-died" });
    expect(claimed).toHaveLength(1);

    const email = emailTo(s);
    expect(await drainOutbox({ channels: { email }, retry: RETRY })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await drainOutbox({ channels: { email }, retry: RETRY, now: minutesLater(11) })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(s.accepted()).toBe(1);
    const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, claimed[0]!.id));
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
  });
});
