/**
 * Deterministic demo data: the same `seed`, `procedures` and `end` date always give the same database.
 * Trajectories follow the MILD trials' shape (ODI ~45 → ~25, NPRS ~7 → ~4, relief within days to weeks,
 * some non-responders, loss to follow-up growing with time). Complications follow the literature: minor events
 * (grade I–II) in about 1 % of procedures; serious events (grade III–IV, marked serious) rare — about 1 in 2,000
 * procedures has a serious device-, procedure- or anaesthesia-related (or unknown) event within 90 days, the
 * like-for-like definition — except one physician's cluster of serious events in one period, so the funnel plot
 * and CUSUM have something to find.
 */
import { addDaysIso, addYearsIso, daysBetween } from "@/lib/outcomes/dates";
import type { SqliteFileDatabase } from "../connection";
import { appendAuditToSqliteFile } from "@/lib/audit/appendAudit";
import { auditKey } from "@/lib/audit/auditKey";
import { hashPassword } from "@/lib/auth/password";
import { SCHEDULE } from "@/lib/outcomes/timepoints";
import * as demo from "./demoData";
import { seedFollowUp, type SeededProcedure } from "./demoFollowUp";
import { seedPatientReported } from "./demoInvitations";
import { clamp, COORDINATOR_NAMES, FIRST, LAST, makeRng, normal, pick, PHYSICIAN_NAMES, SITES, weighted } from "./demoData";

export const DEMO_PASSWORD = "mild-demo";
export const DEMO_PHYSICIANS = 15;
/** The physician whose events cluster in one period (see module comment). */
export const CLUSTER_PHYSICIAN = 7;

export type SeedOptions = {
  procedures: number;
  seed: number;
  end: string;
  physicians?: number;
  /** The audit chain's key: by default the one beside the database file (a file seeded to be copied elsewhere takes the target's). */
  auditKey?: Buffer;
};
const OUT_OF_WINDOW_REASONS = [
  "Patient was abroad until the window had closed; scores taken at the first visit back.",
  "Rescheduled twice by the patient; the 3-month questionnaire was completed late.",
  "Clinic closed for two weeks; seen at the next available appointment.",
];

export type SeedReport = { sites: number; users: number; patients: number; procedures: number; assessments: number; complications: number; ms: number };

export async function seedDemo(db: SqliteFileDatabase, opts: SeedOptions): Promise<SeedReport> {
  const started = Date.now();
  const rng = makeRng(opts.seed);
  const sqlite = db.$client;
  const physicianCount = opts.physicians ?? DEMO_PHYSICIANS;
  const start = addYearsIso(opts.end, -4);
  const spanDays = daysBetween(start, opts.end);

  // bcrypt before the transaction: it is async and the transaction must stay synchronous. One hash for every demo
  // account, at the app's own cost: a cheaper one would let sign-in timing tell a demo account from an unknown
  // email (those are compared against a dummy hash of the app's cost).
  const demoHash = await hashPassword(DEMO_PASSWORD);
  const key = opts.auditKey ?? auditKey(sqlite.name);

  const counts = { sites: 0, users: 0, patients: 0, procedures: 0, assessments: 0, complications: 0 };

  db.transaction(
    (tx) => {
      const insertSite = sqlite.prepare("INSERT INTO sites (code, name) VALUES (?, ?)");
      const siteIds = SITES.map((s) => Number(insertSite.run(s.code, s.name).lastInsertRowid));
      counts.sites = siteIds.length;

      const insertUser = sqlite.prepare("INSERT INTO users (email, name, role, password_hash, site_id) VALUES (?, ?, ?, ?, ?)");
      const addUser = (email: string, name: string, role: string, siteId: number | null) => {
        const id = Number(insertUser.run(email, name, role, demoHash, siteId).lastInsertRowid);
        appendAuditToSqliteFile(
          tx,
          {
            actor: null,
            action: "user.create",
            entity: "user",
            entityId: id,
            after: { email, name, role, siteId, source: "demo seed" },
          },
          key,
        );
        counts.users++;
        return id;
      };
      addUser("admin@example.org", "Alex Admin", "admin", null);
      addUser("quality@example.org", "Quinn Quality", "quality_officer", null);
      const physicians = Array.from({ length: physicianCount }, (_, i) => {
        const siteIndex = i % SITES.length;
        const id = addUser(`physician${i + 1}@example.org`, PHYSICIAN_NAMES[i % PHYSICIAN_NAMES.length]!, "physician", siteIds[siteIndex]!);
        // Volumes differ between physicians, as they do in practice.
        const weight = 0.5 + rng() * 1.5;
        // The cluster physician is a busy one, so the cluster is visible above chance.
        return { id, number: i + 1, siteId: siteIds[siteIndex]!, weight: i + 1 === CLUSTER_PHYSICIAN ? 1.6 : weight };
      });
      // One coordinator per site, after the physicians (whose ids and draws stay as they were): no random numbers.
      const insertUserSite = sqlite.prepare("INSERT INTO user_sites (user_id, site_id) VALUES (?, ?)");
      siteIds.forEach((siteId, i) => {
        const id = addUser(`coordinator${i + 1}@example.org`, COORDINATOR_NAMES[i % COORDINATOR_NAMES.length]!, "coordinator", siteId);
        insertUserSite.run(id, siteId);
      });

      const insertPatient = sqlite.prepare(
        `INSERT INTO patients (site_id, mrn, name, date_of_birth, sex, diagnosis, primary_physician_id,
          scoliosis_kyphosis, previous_spinal_fracture, previous_spinal_surgery, medication_allergies, diabetes,
          cardiovascular_disease, smoking, heavy_drinking, external_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const insertProcedure = sqlite.prepare(
        `INSERT INTO procedures (patient_id, physician_id, site_id, procedure_date, levels, side, anaesthesia, device_lot,
          prior_treatment_type, prior_treatment_date, prior_treatment_flag, prior_treatment_acknowledged, notes, external_id, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const insertAssessment = sqlite.prepare(
        `INSERT INTO assessments (procedure_id, timepoint, assessed_on, nprs_back, nprs_leg, odi, walking_minutes, standing_minutes, relief_onset_date, external_id, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const insertOutOfWindow = sqlite.prepare(
        `INSERT INTO assessments (procedure_id, timepoint, assessed_on, nprs_back, nprs_leg, odi, out_of_window, out_of_window_reason, external_id, created_by)
         VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
      );
      const insertComplication = sqlite.prepare(
        `INSERT INTO complications (procedure_id, type, type_other, onset_date, serious, grade, relatedness, treatment, outcome,
          reported_by, reported_at, adjudication_status, adjudicated_by, adjudicated_at, adjudication_note, final_grade, final_relatedness, external_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );

      const dates = Array.from({ length: opts.procedures }, () => Math.floor(rng() * (spanDays + 1))).sort((a, b) => a - b);
      // The cluster: six months, about two years before the end, in which one physician's events run high.
      const clusterFrom = spanDays - 760;
      const clusterTo = clusterFrom + 180;
      const qualityOfficerId = 2;
      const totalWeight = physicians.reduce((s, p) => s + p.weight, 0);

      const seeded: SeededProcedure[] = [];
      for (let i = 0; i < opts.procedures; i++) {
        const dayIndex = dates[i]!;
        const dateIso = addDaysIso(start, dayIndex);
        let r = rng() * totalWeight;
        const physician = physicians.find((p) => (r -= p.weight) <= 0) ?? physicians[physicians.length - 1]!;
        const ref = String(i + 1).padStart(6, "0");

        // Patient
        const age = Math.round(clamp(normal(rng, 70, 9), 42, 96));
        const dob = addDaysIso(dateIso, -Math.round(age * 365.25 + rng() * 360));
        const sex = rng() < 0.52 ? "female" : "male";
        const diagnosis = weighted(rng, demo.DIAGNOSIS_WEIGHTS);
        const risk = [0.15, 0.08, 0.2, 0.15, 0.25, 0.3, 0.15, 0.06].map((p) => (rng() < p ? 1 : 0));
        const siteCode = SITES[siteIds.indexOf(physician.siteId)]!.code;
        const patientId = Number(
          insertPatient.run(
            physician.siteId,
            `${siteCode}-${String(100000 + i)}`,
            `${pick(rng, FIRST)} ${pick(rng, LAST)}`,
            dob,
            sex,
            diagnosis,
            physician.id,
            ...risk,
            `demo-patient-${ref}`,
          ).lastInsertRowid,
        );
        counts.patients++;

        // Procedure
        const levelCount = weighted(rng, demo.LEVEL_COUNT_WEIGHTS);
        const firstLevel = weighted(rng, demo.FIRST_LEVEL_WEIGHTS);
        const levels = Array.from({ length: levelCount }, (_, k) => Math.min(firstLevel + k, 5))
          .filter((v, k, xs) => xs.indexOf(v) === k)
          .map((l) => (l === 5 ? "L5-S1" : `L${l}-L${l + 1}`))
          .join(",");
        const flagged = rng() < 0.015;
        const priorType = flagged ? pick(rng, ["laminectomy", "laminotomy", "fusion", "interspinous_process_decompression", "mild"] as const) : null;
        const priorDate = flagged ? addDaysIso(dateIso, -Math.round(60 + rng() * 290)) : null;
        const procedureId = Number(
          insertProcedure.run(
            patientId,
            physician.id,
            physician.siteId,
            dateIso,
            levels,
            weighted(rng, demo.SIDE_WEIGHTS),
            weighted(rng, demo.ANAESTHESIA_WEIGHTS),
            `ML-${dateIso.slice(0, 4)}-${String(1000 + Math.floor(rng() * 9000))}`,
            priorType,
            priorDate,
            flagged ? 1 : 0,
            flagged ? 1 : 0,
            rng() < 0.1
              ? pick(rng, ["Tolerated well.", "Mild discomfort during access.", "Patient anxious; reassured.", "Good decompression on imaging."])
              : null,
            `demo-procedure-${ref}`,
            physician.id,
          ).lastInsertRowid,
        );
        counts.procedures++;

        // Outcome trajectory
        const responder = rng() < (risk[2] ? 0.62 : 0.74);
        const reliefDay = responder ? Math.round(clamp(Math.exp(normal(rng, Math.log(10), 0.9)), 1, 300)) : Infinity;
        const base = {
          back: Math.round(clamp(normal(rng, 7, 1.4), 3, 10)),
          leg: Math.round(clamp(normal(rng, 6.5, 1.7), 2, 10)),
          odi: clamp(normal(rng, 45, 11), 14, 88),
          walk: clamp(Math.exp(normal(rng, Math.log(8), 0.6)), 1, 60),
          stand: clamp(Math.exp(normal(rng, Math.log(10), 0.6)), 1, 60),
        };
        const gain = responder
          ? { pain: 0.4 + rng() * 0.3, odi: clamp(normal(rng, 21, 7), 8, base.odi - 2), mobility: 2 + rng() * 3 }
          : { pain: rng() * 0.15, odi: rng() * 6, mobility: 1 + rng() * 0.3 };
        // Loss to follow-up grows with time: about 75 % still followed at 12 months, 57 % at 24.
        const dropoutDay = -Math.log(1 - rng()) * 1300;
        const reliefRecorded = responder && rng() < 0.25;
        let reliefDateWritten = false;
        const facts: SeededProcedure = {
          id: procedureId,
          patientId,
          physicianId: physician.id,
          date: dateIso,
          followedDays: spanDays - dayIndex,
          droppedOutDay: dropoutDay < spanDays - dayIndex ? Math.ceil(dropoutDay) : null,
          levels,
          trajectory: { reliefDay, back: base.back, leg: base.leg, painGain: gain.pain },
        };
        seeded.push(facts);
        const recorded = new Set<string>();

        for (const w of SCHEDULE) {
          const day = w.timepoint === "baseline" ? -Math.round(rng() * 21) : Math.round(clamp(normal(rng, w.day, (w.to - w.from) / 6), w.from, w.to));
          if (dayIndex + day > spanDays) break; // not yet happened
          if (w.timepoint !== "baseline" && (day > dropoutDay || rng() < 0.06)) continue;
          if (w.timepoint === "baseline" && rng() < 0.02) continue;
          const progress =
            day <= 0 ? 0 : day >= reliefDay ? Math.min(1, 0.75 + 0.25 * Math.min(1, (day - reliefDay) / 60)) : (0.2 * day) / Math.max(reliefDay, 1);
          const wane = day > 400 ? 0.9 : 1;
          const f = progress * wane;
          const back = Math.round(clamp(base.back * (1 - gain.pain * f) + normal(rng, 0, 0.6), 0, 10));
          const leg = Math.round(clamp(base.leg * (1 - gain.pain * f) + normal(rng, 0, 0.6), 0, 10));
          const odi = Math.round(clamp(base.odi - gain.odi * f + normal(rng, 0, 3), 0, 100));
          const walk = Math.round(clamp(base.walk * (1 + (gain.mobility - 1) * f) * (1 + normal(rng, 0, 0.1)), 0, 240));
          const stand = Math.round(clamp(base.stand * (1 + (gain.mobility - 1) * f) * (1 + normal(rng, 0, 0.1)), 0, 240));
          let reliefOnset: string | null = null;
          if (reliefRecorded && !reliefDateWritten && day >= reliefDay) {
            reliefOnset = addDaysIso(dateIso, reliefDay);
            reliefDateWritten = true;
          }
          insertAssessment.run(
            procedureId,
            w.timepoint,
            addDaysIso(dateIso, day),
            back,
            leg,
            odi,
            walk,
            stand,
            reliefOnset,
            `demo-assessment-${ref}-${w.timepoint}`,
            physician.id,
          );
          recorded.add(w.timepoint);
          counts.assessments++;
        }

        // A few 3-month visits that came late, after the window closed, kept with a reason so the data-quality
        // page has rows. Chosen by the procedure's number and scored without the random stream, so every other
        // demo figure stays as it was (and the analyses leave these out by default).
        if (i % 173 === 41 && !recorded.has("month_3") && dayIndex + 135 <= spanDays) {
          insertOutOfWindow.run(
            procedureId,
            "month_3",
            addDaysIso(dateIso, 135),
            Math.max(0, base.back - 2),
            Math.max(0, base.leg - 2),
            Math.round(Math.max(0, base.odi - 10)),
            OUT_OF_WINDOW_REASONS[i % OUT_OF_WINDOW_REASONS.length],
            `demo-assessment-${ref}-month_3`,
            physician.id,
          );
          counts.assessments++;
        }

        // Complications: minor ~0.9 % of procedures (now and then two); serious ~0.065 % (88 % of them related or of
        // unknown relatedness, ~90 % within 90 days: ≈ 1 in 2,000 under the like-for-like definition). The cluster
        // physician's ~30 procedures in the cluster period: serious 25 %, minor 5 %.
        const inCluster = physician.number === CLUSTER_PHYSICIAN && dayIndex >= clusterFrom && dayIndex <= clusterTo;
        const minorCount = rng() < (inCluster ? 0.05 : 0.009) ? (rng() < 0.1 ? 2 : 1) : 0;
        const seriousEvent = rng() < (inCluster ? 0.25 : 0.00065);
        const events = [...Array.from({ length: minorCount }, () => false), ...(seriousEvent ? [true] : [])];
        for (let e = 0; e < events.length; e++) {
          const serious = events[e]!;
          const [type, , [gLo, gHi]] = weighted(
            rng,
            (serious ? demo.SERIOUS_COMPLICATION_KINDS : demo.MINOR_COMPLICATION_KINDS).map((k) => [k, k[1]] as const),
          );
          const grade = gLo + Math.floor(rng() * (gHi - gLo + 1));
          const onsetDay = weighted(rng, [
            [0, 30],
            [1 + Math.floor(rng() * 14), 45],
            [15 + Math.floor(rng() * 60), 20],
            [100 + Math.floor(rng() * 200), 5],
          ] as const);
          if (dayIndex + onsetDay > spanDays) continue;
          const onset = addDaysIso(dateIso, onsetDay);
          const relatedness: string = serious && inCluster ? weighted(rng, demo.CLUSTER_RELATEDNESS_WEIGHTS) : weighted(rng, demo.RELATEDNESS_WEIGHTS);
          // Reported at midnight UTC of a calendar day: the same instant whatever zone seeds the demo.
          const reportedOn = addDaysIso(dateIso, onsetDay + Math.floor(rng() * 5));
          const ageDays = spanDays - dayIndex - onsetDay;
          const status = ageDays < 45 ? weighted(rng, demo.RECENT_STATUS_WEIGHTS) : weighted(rng, demo.SETTLED_STATUS_WEIGHTS);
          const adjudicated = status !== "pending";
          insertComplication.run(
            procedureId,
            type,
            type === "other" ? "Vasovagal episode" : null,
            onset,
            serious ? 1 : 0,
            grade,
            relatedness,
            grade === 1 ? "Observation only" : grade === 2 ? "Medication" : grade === 3 ? "Intervention" : "Intensive care",
            grade >= 4 && rng() < 0.5 ? "permanent" : ageDays < 30 ? "ongoing" : "resolved",
            physician.id,
            `${reportedOn}T00:00:00.000Z`,
            status,
            adjudicated ? qualityOfficerId : null,
            adjudicated ? `${addDaysIso(reportedOn, 7)}T00:00:00.000Z` : null,
            status === "confirmed"
              ? "Consistent with the record."
              : status === "rejected"
                ? "Pre-existing condition, not a complication."
                : status === "needs_info"
                  ? "Please attach the discharge letter."
                  : null,
            adjudicated ? grade : null,
            adjudicated ? relatedness : null,
            `demo-complication-${ref}-${e + 1}`,
          );
          counts.complications++;
        }
      }

      const followUp = seedFollowUp(sqlite, opts.seed, opts.end, seeded);
      const patientReported = seedPatientReported(sqlite, opts.seed, opts.end, seeded);
      appendAuditToSqliteFile(
        tx,
        { actor: null, action: "seed.demo", entity: "database", after: { ...counts, ...followUp, ...patientReported, seed: opts.seed, end: opts.end } },
        key,
      );
    },
    { behavior: "immediate" },
  );

  return { ...counts, ms: Date.now() - started };
}
