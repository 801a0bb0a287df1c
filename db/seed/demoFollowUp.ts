/**
 * The demo's follow-up beyond assessments (issue 14, items 6–7): contact attempts, lost / withdrawn / deceased
 * marks and subsequent lumbar surgery. Drawn after the main pass from a random stream of its own, so every figure
 * the main pass produces (procedures, assessments, complications) stays exactly as it was.
 */
import type Database from "better-sqlite3";
import { addDaysIso } from "@/lib/outcomes/dates";
import { makeRng, pick, weighted } from "./demoData";

/** What the main pass knows about one procedure, collected without drawing any random number. */
export type SeededProcedure = {
  id: number;
  patientId: number;
  physicianId: number;
  date: string;
  /** Days from the procedure to the seed's end date. */
  followedDays: number;
  /** The day the patient stopped coming (the main pass's drop-out), when that was before the end. */
  droppedOutDay: number | null;
  levels: string;
  /** The main pass's outcome: the day relief comes (Infinity for a non-responder), baseline NPRS, share of pain relieved. */
  trajectory: { reliefDay: number; back: number; leg: number; painGain: number };
};

const SURGERY_KINDS = [
  ["reoperation_treated_levels", 35],
  ["laminectomy", 30],
  ["fusion", 15],
  ["repeat_mild", 15],
  ["other", 5],
] as const;

export type FollowUpCounts = { contactAttempts: number; lost: number; withdrawn: number; deceased: number; subsequentSurgeries: number };

export function seedFollowUp(sqlite: Database.Database, seed: number, end: string, list: readonly SeededProcedure[]): FollowUpCounts {
  const rng = makeRng(seed ^ 0x5eed_f011);
  const counts: FollowUpCounts = { contactAttempts: 0, lost: 0, withdrawn: 0, deceased: 0, subsequentSurgeries: 0 };
  const attempt = sqlite.prepare("INSERT INTO contact_attempts (procedure_id, attempted_on, channel, outcome, note, created_by) VALUES (?, ?, ?, ?, ?, ?)");
  const mark = sqlite.prepare("INSERT INTO follow_up_statuses (procedure_id, status, status_date, note, created_by) VALUES (?, ?, ?, ?, ?)");
  const surgery = sqlite.prepare("INSERT INTO subsequent_surgeries (procedure_id, surgery_date, type, levels, note, created_by) VALUES (?, ?, ?, ?, ?, ?)");
  const failed = ["no_answer", "left_message", "wrong_number"] as const;
  const channels = ["phone", "phone", "email", "letter", "text_message"] as const;

  for (const p of list) {
    // Deceased: a few patients who stopped coming died of other causes (the demo records no procedure-related death).
    if (p.droppedOutDay !== null && rng() < 0.03) {
      const on = addDaysIso(p.date, Math.min(p.followedDays, p.droppedOutDay + 20 + Math.floor(rng() * 120)));
      if (on <= end) {
        mark.run(p.id, "deceased", on, "Died of an unrelated cause (the family informed the clinic)", p.physicianId);
        counts.deceased++;
        continue;
      }
    }
    // Patients who stopped coming: most are chased with failed calls and, after three, marked lost; a few withdraw.
    if (p.droppedOutDay !== null) {
      const r = rng();
      if (r < 0.04) {
        const on = addDaysIso(p.date, Math.min(p.followedDays, p.droppedOutDay + 10));
        mark.run(p.id, "withdrawn", on, "Does not wish to take part in follow-up any more", p.physicianId);
        counts.withdrawn++;
      } else if (r < 0.34) {
        let day = p.droppedOutDay + 15;
        const tries = 3 + (rng() < 0.3 ? 1 : 0);
        let made = 0;
        for (; made < tries && day <= p.followedDays - 1; made++, day += 7 + Math.floor(rng() * 14)) {
          attempt.run(p.id, addDaysIso(p.date, day), pick(rng, channels), pick(rng, failed), null, p.physicianId);
          counts.contactAttempts++;
        }
        // Lost only after the three failed attempts the rule asks for (a follow-up cut short by the seed's end has fewer).
        if (day <= p.followedDays && made >= 3) {
          mark.run(p.id, "lost", addDaysIso(p.date, day), null, p.physicianId);
          counts.lost++;
        }
      }
    } else if (p.followedDays >= 40 && p.followedDays <= 56 && rng() < 0.35) {
      // Still followed, six weeks overdue: one or two calls so far (the worklist shows "2nd attempt").
      const n = rng() < 0.5 ? 1 : 2;
      for (let k = 0; k < n; k++) {
        attempt.run(p.id, addDaysIso(p.date, p.followedDays - 1 - 2 * k), "phone", k === 0 ? "left_message" : "no_answer", null, p.physicianId);
        counts.contactAttempts++;
      }
    }
    // Subsequent lumbar surgery: about 2–3 % a year, mostly within the first two years.
    if (p.followedDays > 90 && rng() < 0.05) {
      const day = 60 + Math.floor(rng() * Math.min(900, p.followedDays - 60));
      const kind = weighted(rng, SURGERY_KINDS);
      const levels = kind === "reoperation_treated_levels" || kind === "repeat_mild" ? p.levels : kind === "other" ? "" : p.levels.split(",")[0]!;
      surgery.run(p.id, addDaysIso(p.date, day), kind, levels, null, p.physicianId);
      counts.subsequentSurgeries++;
    }
  }
  return counts;
}
