/* eslint-disable no-restricted-syntax -- a SQLite-file suite: it works on the file and its driver directly, by design (not run on PostgreSQL) */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase } from "@/db/connection";
import { auditLog } from "@/db/schema";
import { CLUSTER_PHYSICIAN, seedDemo } from "@/db/seed/demo";
import { auditKey } from "@/lib/audit/auditKey";
import { verifyChain } from "@/lib/audit/hashChain";
import { DUMMY_HASH } from "@/lib/auth/password";
import { CURRENT_CONSENT_VERSION } from "@/lib/outcomes/contactConsent";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mild-seed-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function seeded(name: string, seed: number, procedures = 1500) {
  const db = openDatabase(path.join(dir, name));
  migrateDatabase(db);
  const report = await seedDemo(db, { procedures, seed, end: "2026-11-25" });
  return { db, report };
}
const fingerprint = (db: ReturnType<typeof openDatabase>) =>
  db.$client
    .prepare(
      "select group_concat(procedure_date || physician_id || levels, '|') as p, (select group_concat(coalesce(nprs_back,'') || coalesce(odi,''), '|') from assessments) as a from procedures",
    )
    .get();

describe("demo seed", () => {
  it("is deterministic: the same seed gives the same data; another seed differs", async () => {
    const a = await seeded("a.db", 7);
    const b = await seeded("b.db", 7);
    const c = await seeded("c.db", 8);
    expect(fingerprint(a.db)).toEqual(fingerprint(b.db));
    expect(fingerprint(a.db)).not.toEqual(fingerprint(c.db));
  });

  it("creates the demo roles, realistic trajectories and rare complications", async () => {
    const { db, report } = await seeded("d.db", 20261125, 4000);
    expect(report).toMatchObject({ sites: 3, users: 20, procedures: 4000 });
    const q = <T>(s: string) => db.$client.prepare(s).get() as T;
    expect(q<{ n: number }>("select count(*) n from users where role = 'admin' and email = 'admin@example.org'").n).toBe(1);
    expect(q<{ n: number }>("select count(*) n from users where role = 'quality_officer'").n).toBe(1);
    // One coordinator per site, coordinatorN working for the Nth site (the one physicianN works at).
    const coordinators = db.$client
      .prepare(
        "select u.email, us.site_id site, (select p.site_id from users p where p.email = 'physician' || substr(u.email, 12, 1) || '@example.org') physicianSite from users u join user_sites us on us.user_id = u.id where u.role = 'coordinator' order by u.email",
      )
      .all() as { email: string; site: number; physicianSite: number }[];
    expect(coordinators.map((c) => c.email)).toEqual(["coordinator1@example.org", "coordinator2@example.org", "coordinator3@example.org"]);
    for (const c of coordinators) expect(c.site).toBe(c.physicianSite);
    const base = q<{ odi: number; nprs: number }>("select avg(odi) odi, avg(nprs_back) nprs from assessments where timepoint = 'baseline'");
    const m12 = q<{ odi: number; nprs: number }>("select avg(odi) odi, avg(nprs_back) nprs from assessments where timepoint = 'month_12'");
    expect(base.odi).toBeGreaterThan(40);
    expect(base.odi).toBeLessThan(50);
    expect(m12.odi).toBeLessThan(base.odi - 10);
    expect(base.nprs).toBeGreaterThan(6);
    expect(m12.nprs).toBeLessThan(base.nprs - 2);
    // loss to follow-up grows with time
    const share = (tp: string) => q<{ s: number }>(`select 1.0 * count(*) / (select count(*) from procedures) s from assessments where timepoint = '${tp}'`).s;
    expect(share("week_6")).toBeGreaterThan(share("month_12"));
    const rate = q<{ r: number }>("select 1.0 * count(distinct procedure_id) / 4000 r from complications").r;
    expect(rate).toBeGreaterThan(0.004);
    expect(rate).toBeLessThan(0.018);
    const flagged = q<{ n: number }>("select count(*) n from procedures where prior_treatment_flag = 1").n;
    expect(flagged).toBeGreaterThan(10);
    // Like for like, as in the literature: serious related events (grade ≥ III or marked serious; related or
    // unknown; within 90 days; not rejected) about 1 in 2,000 outside the cluster; minor events far more common.
    const likeForLike = `(coalesce(c.final_grade, c.grade) >= 3 or c.serious = 1) and coalesce(c.final_relatedness, c.relatedness) <> 'unrelated'
      and julianday(c.onset_date) - julianday(p.procedure_date) <= 90 and c.adjudication_status <> 'rejected'`;
    const cluster = `(select id from users where email = 'physician${CLUSTER_PHYSICIAN}@example.org')`;
    const seriousOutside = q<{ n: number; procedures: number }>(
      `select (select count(distinct c.procedure_id) from complications c join procedures p on p.id = c.procedure_id where ${likeForLike} and p.physician_id <> ${cluster}) n,
        (select count(*) from procedures where physician_id <> ${cluster}) procedures`,
    );
    expect(seriousOutside.n / seriousOutside.procedures).toBeLessThan(1 / 700);
    const minor = q<{ n: number }>("select count(distinct procedure_id) n from complications where coalesce(final_grade, grade) <= 2 and serious = 0").n;
    expect(minor).toBeGreaterThan(10 * Math.max(1, seriousOutside.n));
    // the cluster physician has the most serious related events, several of them: the CUSUM has something to find
    const top = q<{ email: string; n: number }>(
      `select u.email, count(distinct c.procedure_id) n from complications c join procedures p on p.id = c.procedure_id join users u on u.id = p.physician_id
       where ${likeForLike} group by u.id order by n desc limit 1`,
    );
    expect(top.email).toBe(`physician${CLUSTER_PHYSICIAN}@example.org`);
    expect(top.n).toBeGreaterThanOrEqual(4);
    // Follow-up beyond assessments: every status kind, each lost patient after at least 3 failed attempts before the
    // mark, and subsequent surgeries of several kinds, each after its procedure and by the seed's end.
    const statuses = db.$client.prepare("select status, count(*) n from follow_up_statuses group by status order by status").all() as {
      status: string;
      n: number;
    }[];
    expect(statuses.map((r) => r.status)).toEqual(["deceased", "lost", "withdrawn"]);
    for (const r of statuses) expect(r.n).toBeGreaterThan(10);
    const lostTooSoon = q<{ n: number }>(
      "select count(*) n from follow_up_statuses f where f.status = 'lost' and (select count(*) from contact_attempts a where a.procedure_id = f.procedure_id and a.outcome <> 'reached' and a.attempted_on <= f.status_date) < 3",
    ).n;
    expect(lostTooSoon).toBe(0);
    expect(q<{ n: number }>("select count(distinct type) n from subsequent_surgeries").n).toBeGreaterThanOrEqual(4);
    const misdated = q<{ n: number }>(
      "select count(*) n from subsequent_surgeries s join procedures p on p.id = s.procedure_id where s.surgery_date <= p.procedure_date or s.surgery_date > (select max(procedure_date) from procedures)",
    ).n;
    expect(misdated).toBe(0);
    // Under the key beside the seeded file, where the app serving it keeps it.
    expect(verifyChain(db.select().from(auditLog).orderBy(auditLog.id).all(), auditKey(db.$client.name, { create: false })).ok).toBe(true);
  });

  it("gives most patients an example.org address and a consent, invitations in every state, diaries for about half of the last year, and an outbox to read", async () => {
    const { db } = await seeded("reported.db", 20261125, 2000);
    const q = <T>(s: string) => db.$client.prepare(s).get() as T;
    const all = <T>(s: string) => db.$client.prepare(s).all() as T[];
    const patients = q<{ n: number; email: number; consent: number; letter: number }>(
      `select count(*) n, sum(email like '%@example.org') email, sum(contact_consent_at is not null and contact_consent_version = '${CURRENT_CONSENT_VERSION}') consent,
        sum(preferred_channel = 'letter') letter from patients`,
    );
    expect(patients.email / patients.n).toBeGreaterThan(0.75);
    expect(patients.consent / patients.n).toBeGreaterThan(0.75);
    expect(patients.letter).toBeGreaterThan(0);
    expect(q<{ n: number }>("select count(*) n from patients where email is not null and email not like '%@example.org'").n).toBe(0);
    // Every state a procedure page can show.
    const states = all<{ status: string; n: number }>("select status, count(*) n from invitations group by status order by status");
    expect(states.map((s) => s.status)).toEqual(["completed", "expired", "failed", "opened", "planned", "sent"]);
    for (const s of states) expect(s.n).toBeGreaterThan(0);
    // Invitations only for consenting patients, never sent before the consent, nor after a lost / withdrawn / deceased mark.
    expect(
      q<{ n: number }>(
        "select count(*) n from invitations i join procedures p on p.id = i.procedure_id join patients pt on pt.id = p.patient_id where pt.contact_consent_at is null or i.sent_at < pt.contact_consent_at",
      ).n,
    ).toBe(0);
    expect(
      q<{ n: number }>(
        "select count(*) n from invitations i join follow_up_statuses f on f.procedure_id = i.procedure_id where i.sent_at >= f.status_date || 'T09:00:00.000Z'",
      ).n,
    ).toBe(0);
    // Diaries for about half of the last year's procedures, each completed diary invitation with its entry.
    const lastYear = q<{ n: number; diaries: number }>(
      "select count(*) n, sum(exists (select 1 from diary_entries d where d.procedure_id = p.id)) diaries from procedures p where procedure_date >= '2025-11-25' and procedure_date <= '2026-11-10'",
    );
    expect(lastYear.diaries / lastYear.n).toBeGreaterThan(0.35);
    expect(lastYear.diaries / lastYear.n).toBeLessThan(0.65);
    expect(
      q<{ n: number }>(
        "select count(*) n from invitations i where i.kind = 'diary' and i.status = 'completed' and not exists (select 1 from diary_entries d where d.invitation_id = i.id and d.day = i.day)",
      ).n,
    ).toBe(0);
    // Plausible trajectories: pain eases over the two weeks, and by day 14 a responder has mostly felt it (a non-responder never does).
    const day = (d: number) => q<{ back: number; relieved: number }>(`select avg(nprs_back) back, avg(pgic <= 2) relieved from diary_entries where day = ${d}`);
    expect(day(14).back).toBeLessThan(day(1).back - 1.5);
    expect(day(14).relieved).toBeGreaterThan(0.35);
    expect(day(1).relieved).toBeLessThan(day(14).relieved - 0.3);
    // Patient-sourced follow-ups, each with the patient's global impression and a completed invitation.
    const fromPatients = q<{ n: number; pgic: number; invited: number }>(
      `select count(*) n, sum(pgic is not null) pgic, sum(exists (select 1 from invitations i where i.procedure_id = a.procedure_id and i.key = 'follow_up:' || a.timepoint and i.status = 'completed' and i.completed_at is not null)) invited
       from assessments a where source = 'patient'`,
    );
    expect(fromPatients.n).toBeGreaterThan(100);
    expect(fromPatients.pgic).toBe(fromPatients.n);
    expect(fromPatients.invited).toBe(fromPatients.n);
    // Also from a printed letter's link, so the response rates have both channels.
    const byLetter = q<{ n: number }>(
      "select count(*) n from assessments a join procedures p on p.id = a.procedure_id join patients pt on pt.id = p.patient_id where a.source = 'patient' and pt.preferred_channel = 'letter'",
    ).n;
    expect(byLetter).toBeGreaterThan(0);
    // An outbox to read: queued messages with their link and opt-out link, and failed ones (a bounce) behind failed invitations.
    const outbox = all<{ status: string; n: number }>("select status, count(*) n from outbox_messages group by status order by status");
    expect(outbox.map((o) => o.status)).toEqual(["failed", "queued"]);
    const linked = all<{ body_text: string }>("select body_text from outbox_messages where status = 'queued' limit 50");
    for (const m of linked) expect(m.body_text).toMatch(/\/q\/[A-Za-z0-9_-]{43}\/opt-out/);
    expect(
      q<{ n: number }>(
        "select count(*) n from invitations i where i.status = 'failed' and not exists (select 1 from outbox_messages m where m.entity_id = cast(i.id as text) and m.status = 'failed')",
      ).n,
    ).toBe(0);
  });

  it("hashes the demo accounts at the same bcrypt cost as the dummy hash, so timing does not tell a demo account from an unknown email", async () => {
    const { db } = await seeded("cost.db", 3, 50);
    const costOf = (hash: string) => /^\$2[aby]\$(\d\d)\$/.exec(hash)?.[1];
    const hashes = db.$client.prepare("select password_hash as h from users").all() as { h: string }[];
    expect(hashes.length).toBeGreaterThan(0);
    for (const { h } of hashes) expect(costOf(h)).toBe(costOf(DUMMY_HASH));
  });
});
