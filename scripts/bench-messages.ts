// The messaging share of `npm run bench`, in a process of its own (the data layer binds to the database named
// by DATABASE_PATH when loaded): plan invitations for 10,000 procedures, queue their messages in the outbox,
// and drain it through an SMTP sink in this process (smtp-server on loopback), against a baseline measured in
// the same run: the same 10,000 messages sent straight through a nodemailer pool of the same size, no outbox.
// Prints one JSON line for bench.ts.
//   node --conditions=react-server --import tsx scripts/bench-messages.ts [COUNT]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import SMTPPool from "nodemailer/lib/smtp-pool";
import { startSmtpSink } from "../tests/support/smtpSink";

const COUNT = Number(process.argv[2] ?? 10_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mild-bench-messages-"));
process.env.DATABASE_PATH = path.join(dir, "mild.db");
delete process.env.DATABASE_URL;
process.env.MAIL_FROM = "Bench Clinic <outcomes@bench.example>";

const { migrateDatabase, openDatabase } = await import("@/db/connection");
const { closeDatabases, transaction } = await import("@/db/client");
const { queueMessage } = await import("@/lib/dal/messaging/outbox");
const { mailConfigFrom } = await import("@/lib/messaging/config");
const { drainOutbox } = await import("@/lib/messaging/drainOutbox");
const { createEmailChannel } = await import("@/lib/messaging/emailChannel");
const { renderPatientMessage } = await import("@/lib/messaging/patientMessages");
const { loadInstruments } = await import("@/lib/outcomes/instruments/loadInstruments");
const { planInvitations } = await import("@/lib/outcomes/invitations/planInvitations");
const { keyText } = await import("@/lib/outcomes/invitations/invitationKeys");
const { newInvitationToken } = await import("@/lib/auth/invitationToken");

const migrator = openDatabase(process.env.DATABASE_PATH);
migrateDatabase(migrator);
migrator.$client.close();

// 10:00 UTC on 25 Nov 2026 is daytime at every site below; each procedure was 28 days earlier on its site's
// clock, so exactly one invitation is due for each: the 6-week questionnaire, whose window opens today.
const NOW = new Date("2026-11-25T10:00:00Z");
const ZONES = ["Europe/London", "Europe/Berlin", "Asia/Kolkata"];
const instruments = loadInstruments("en", undefined);
const seconds = (t0: number) => (performance.now() - t0) / 1000;

const t0 = performance.now();
const due: { i: number; key: string }[] = [];
for (let i = 0; i < COUNT; i++) {
  const plan = planInvitations(
    {
      procedureDate: "2026-10-28",
      timeZone: ZONES[i % ZONES.length]!,
      followUpStatus: "active",
      consentedAt: "2026-10-20T09:00:00.000Z",
      optedOutAt: null,
      completed: [],
      invitations: [],
    },
    NOW,
  );
  for (const a of plan.actions) if (a.action === "send") due.push({ i, key: keyText(a.key) });
}
const planS = seconds(t0);
if (due.length !== COUNT) throw new Error(`expected ${COUNT} invitations due, planned ${due.length}`);

const t1 = performance.now();
const rendered: { to: string; subject: string; text: string; html: string }[] = [];
for (let start = 0; start < due.length; start += 500) {
  await transaction(async (tx) => {
    for (const d of due.slice(start, start + 500)) {
      const { token } = newInvitationToken();
      const link = `https://outcomes.bench.example/q/${token}`;
      const m = renderPatientMessage(instruments, "invitation", { firstName: `Patient ${d.i}`, clinicName: "Bench Clinic", link, optOutLink: `${link}/stop` });
      const to = `patient${d.i}@example.org`;
      rendered.push({ to, ...m });
      await queueMessage(tx, { channel: "email", to, ...m, kind: "invitation", entity: "invitation", entityId: d.i + 1 });
    }
  });
}
const queueS = seconds(t1);

const sink = await startSmtpSink({ countOnly: true });
// Ten connections on both legs: nodemailer leaves Nagle's algorithm on, so each message waits ~40 ms for a
// delayed ACK on loopback and throughput grows with the pool, not the CPU. Production keeps its default of 3.
const POOL = 10;
const url = sink.url({ query: `requireTLS=false&maxConnections=${POOL}` });
const email = createEmailChannel(mailConfigFrom({ NODE_ENV: "production", SMTP_URL: url, MAIL_FROM: process.env.MAIL_FROM })!);
const t2 = performance.now();
const report = await drainOutbox({ channels: { email } });
const drainS = seconds(t2);
await email.close();
if (report.sent !== COUNT || sink.accepted() !== COUNT) throw new Error(`drain sent ${report.sent}, the sink accepted ${sink.accepted()}`);

// Baseline: the same messages through a nodemailer pool of the same size, all handed over at once.
const raw = nodemailer.createTransport(new SMTPPool({ url, pool: true, maxConnections: POOL, requireTLS: false }));
const t3 = performance.now();
await Promise.all(rendered.map((m) => raw.sendMail({ from: process.env.MAIL_FROM, to: m.to, subject: m.subject, text: m.text, html: m.html })));
const rawS = seconds(t3);
raw.close();
if (sink.accepted() !== 2 * COUNT) throw new Error(`the sink accepted ${sink.accepted() - COUNT} raw messages, not ${COUNT}`);

await sink.close();
await closeDatabases();
fs.rmSync(dir, { recursive: true, force: true });
console.log(`BENCH_JSON ${JSON.stringify({ count: COUNT, pool: POOL, planS, queueS, drainS, rawS })}`);
process.exit(0);
