/**
 * The demo's complications of one procedure. Minor ~0.9 % of procedures (now and then two); serious ~0.065 % (88 % of
 * them related or of unknown relatedness, ~90 % within 90 days: ≈ 1 in 2,000 under the like-for-like definition). The
 * cluster physician's ~30 procedures in the cluster period: serious 25 %, minor 5 %. Draws from the main pass's random
 * stream in the order it always has, so the demo's figures stay as they were.
 */
import type Database from "better-sqlite3";
import { addDaysIso } from "@/lib/outcomes/dates";
import {
  CLUSTER_RELATEDNESS_WEIGHTS,
  MINOR_COMPLICATION_KINDS,
  RECENT_STATUS_WEIGHTS,
  RELATEDNESS_WEIGHTS,
  type Rng,
  SERIOUS_COMPLICATION_KINDS,
  SETTLED_STATUS_WEIGHTS,
  weighted,
} from "./demoData";

/** The procedure the events belong to; `inCluster` when it is the cluster physician's, in the cluster period. */
export type EventPlan = {
  ref: string;
  procedureId: number;
  physicianId: number;
  dateIso: string;
  dayIndex: number;
  spanDays: number;
  inCluster: boolean;
  qualityOfficerId: number;
};

/** Prepares the insert once; the returned function writes one procedure's complications and returns how many. */
export function complicationWriter(sqlite: Database.Database) {
  const insertComplication = sqlite.prepare(
    `INSERT INTO complications (procedure_id, type, type_other, onset_date, serious, grade, relatedness, treatment, outcome,
      reported_by, reported_at, adjudication_status, adjudicated_by, adjudicated_at, adjudication_note, final_grade, final_relatedness, external_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return (rng: Rng, plan: EventPlan): number => {
    const { ref, procedureId, physicianId, dateIso, dayIndex, spanDays, inCluster, qualityOfficerId } = plan;
    let written = 0;
    const minorCount = rng() < (inCluster ? 0.05 : 0.009) ? (rng() < 0.1 ? 2 : 1) : 0;
    const seriousEvent = rng() < (inCluster ? 0.25 : 0.00065);
    const events = [...Array.from({ length: minorCount }, () => false), ...(seriousEvent ? [true] : [])];
    for (let e = 0; e < events.length; e++) {
      const serious = events[e]!;
      const [type, , [gLo, gHi]] = weighted(
        rng,
        (serious ? SERIOUS_COMPLICATION_KINDS : MINOR_COMPLICATION_KINDS).map((k) => [k, k[1]] as const),
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
      const relatedness: string = serious && inCluster ? weighted(rng, CLUSTER_RELATEDNESS_WEIGHTS) : weighted(rng, RELATEDNESS_WEIGHTS);
      // Reported at midnight UTC of a calendar day: the same instant whatever zone seeds the
      const reportedOn = addDaysIso(dateIso, onsetDay + Math.floor(rng() * 5));
      const ageDays = spanDays - dayIndex - onsetDay;
      const status = ageDays < 45 ? weighted(rng, RECENT_STATUS_WEIGHTS) : weighted(rng, SETTLED_STATUS_WEIGHTS);
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
        physicianId,
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
      written++;
    }
    return written;
  };
}
