/**
 * The demo's assessments of one procedure: a visit at each scheduled timepoint along the procedure's trajectory (relief
 * from its relief day, a little waning after 400 days, missed visits, drop-out), and now and then a 3-month visit that
 * came after the window closed, kept with its reason. Draws from the main pass's random stream in the order it always
 * has, so the demo's figures stay as they were.
 */
import type Database from "better-sqlite3";
import { addDaysIso } from "@/lib/outcomes/dates";
import { SCHEDULE } from "@/lib/outcomes/timepoints";
import { clamp, normal, type Rng } from "./demoData";

const OUT_OF_WINDOW_REASONS = [
  "Patient was abroad until the window had closed; scores taken at the first visit back.",
  "Rescheduled twice by the patient; the 3-month questionnaire was completed late.",
  "Clinic closed for two weeks; seen at the next available appointment.",
];

/** One procedure's outcome trajectory, drawn by the main pass before its visits. */
export type Trajectory = {
  /** The day relief comes; Infinity for a non-responder. */
  reliefDay: number;
  base: { back: number; leg: number; odi: number; walk: number; stand: number };
  gain: { pain: number; odi: number; mobility: number };
  dropoutDay: number;
  /** Whether the relief onset date is written on the first visit after it. */
  reliefRecorded: boolean;
};

/** The procedure the visits belong to; `index` is its number in the seed (0-based), `ref` its external-id suffix. */
export type VisitPlan = { index: number; ref: string; procedureId: number; physicianId: number; dateIso: string; dayIndex: number; spanDays: number };

/** Prepares the inserts once; the returned function writes one procedure's assessments and returns how many. */
export function assessmentWriter(sqlite: Database.Database) {
  const insertAssessment = sqlite.prepare(
    `INSERT INTO assessments (procedure_id, timepoint, assessed_on, nprs_back, nprs_leg, odi, walking_minutes, standing_minutes, relief_onset_date, external_id, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertOutOfWindow = sqlite.prepare(
    `INSERT INTO assessments (procedure_id, timepoint, assessed_on, nprs_back, nprs_leg, odi, out_of_window, out_of_window_reason, external_id, created_by)
     VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
  );
  return (rng: Rng, plan: VisitPlan, trajectory: Trajectory): number => {
    const { index, ref, procedureId, physicianId, dateIso, dayIndex, spanDays } = plan;
    const { reliefDay, base, gain, dropoutDay, reliefRecorded } = trajectory;
    let written = 0;
    let reliefDateWritten = false;
    const recorded = new Set<string>();

    for (const w of SCHEDULE) {
      const day = w.timepoint === "baseline" ? -Math.round(rng() * 21) : Math.round(clamp(normal(rng, w.day, (w.to - w.from) / 6), w.from, w.to));
      if (dayIndex + day > spanDays) break; // not yet happened
      if (w.timepoint !== "baseline" && (day > dropoutDay || rng() < 0.06)) continue;
      if (w.timepoint === "baseline" && rng() < 0.02) continue;
      const progress = day <= 0 ? 0 : day >= reliefDay ? Math.min(1, 0.75 + 0.25 * Math.min(1, (day - reliefDay) / 60)) : (0.2 * day) / Math.max(reliefDay, 1);
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
        physicianId,
      );
      recorded.add(w.timepoint);
      written++;
    }

    // A few 3-month visits that came late, after the window closed, kept with a reason so the data-quality
    // page has rows. Chosen by the procedure's number and scored without the random stream, so every other
    // demo figure stays as it was (and the analyses leave these out by default).
    if (index % 173 === 41 && !recorded.has("month_3") && dayIndex + 135 <= spanDays) {
      insertOutOfWindow.run(
        procedureId,
        "month_3",
        addDaysIso(dateIso, 135),
        Math.max(0, base.back - 2),
        Math.max(0, base.leg - 2),
        Math.round(Math.max(0, base.odi - 10)),
        OUT_OF_WINDOW_REASONS[index % OUT_OF_WINDOW_REASONS.length],
        `demo-assessment-${ref}-month_3`,
        physicianId,
      );
      written++;
    }
    return written;
  };
}
