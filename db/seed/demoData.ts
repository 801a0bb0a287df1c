/**
 * The demo seed's fixed material: sites, names, complication kinds with their weights and grades, and the
 * seeded random draws (xoroshiro128+, so the same seed always gives the same database).
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

export const SITES = [
  { code: "NVS", name: "North Valley Spine Center" },
  { code: "RPC", name: "Riverside Pain Clinic" },
  { code: "LSP", name: "Lakeshore Spine & Pain" },
];
/** The demo coordinators (nurses and research coordinators), one per site. */
export const COORDINATOR_NAMES = ["Nora Nurse (coordinator)", "Rita Research (coordinator)", "Leo Liaison (coordinator)"];

export const FIRST = [
  "Ana",
  "Ben",
  "Carla",
  "David",
  "Elena",
  "Frank",
  "Grace",
  "Hugo",
  "Irene",
  "James",
  "Karin",
  "Luis",
  "Maria",
  "Noah",
  "Olga",
  "Peter",
  "Rosa",
  "Samuel",
  "Teresa",
  "Victor",
  "Wanda",
  "Yusuf",
  "Zoe",
  "Arthur",
  "Beatrice",
  "Carlos",
  "Doris",
  "Edward",
  "Fatima",
  "George",
];
export const LAST = [
  "Alvarez",
  "Brooks",
  "Chen",
  "Dubois",
  "Evans",
  "Fischer",
  "Garcia",
  "Hansen",
  "Ito",
  "Johnson",
  "Kowalski",
  "Lopez",
  "Miller",
  "Nguyen",
  "Okafor",
  "Patel",
  "Quinn",
  "Rossi",
  "Schmidt",
  "Tanaka",
  "Usman",
  "Varga",
  "Walsh",
  "Xu",
  "Young",
  "Zimmer",
];
export const PHYSICIAN_NAMES = [
  "Dr. Amelia Hart",
  "Dr. Rahul Mehta",
  "Dr. Sofia Lindqvist",
  "Dr. Marcus Bell",
  "Dr. Hannah Okoye",
  "Dr. Daniel Reyes",
  "Dr. Victor Kane",
  "Dr. Leila Haddad",
  "Dr. Thomas Brandt",
  "Dr. Yuki Sato",
  "Dr. Grace O'Neill",
  "Dr. Pavel Novak",
  "Dr. Isabel Cruz",
  "Dr. Owen Fraser",
  "Dr. Nadia Petrova",
  "Dr. Elijah Moore",
  "Dr. Clara Weiss",
  "Dr. Samir Farouk",
  "Dr. Ingrid Olsen",
  "Dr. Mateo Silva",
];

export type Rng = () => number;

export function makeRng(seed: number): Rng {
  const gen = xoroshiro128plus(seed);
  return () => uniformFloat64(gen);
}
export const normal = (rng: Rng, mean: number, sd: number) => {
  // Box–Muller; 1 - u keeps log() away from 0.
  const u = 1 - rng();
  const v = rng();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
};
export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
export function weighted<T>(rng: Rng, options: readonly (readonly [T, number])[]): T {
  const total = options.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [value, w] of options) {
    r -= w;
    if (r <= 0) return value;
  }
  return options[options.length - 1]![0];
}

/**
 * Minor events (Clavien–Dindo I–II): the numb patch, the sore incision, a bruise. Common, ~1 in 110 procedures.
 * type, weight, grade range.
 */
export const MINOR_COMPLICATION_KINDS = [
  ["incision_discomfort", 30, [1, 1]],
  ["temporary_numbness", 18, [1, 1]],
  ["bleeding", 12, [1, 2]],
  ["allergic_reaction", 8, [1, 2]],
  ["hematoma", 7, [1, 2]],
  ["infection", 5, [2, 2]],
  ["dural_tear_csf_leak", 3, [2, 2]],
  ["other", 2, [1, 2]],
] as const;

/**
 * Serious events (Clavien–Dindo III–IV, marked serious): rare, as in the literature — the MILD trials reported no
 * serious device- or procedure-related events; the seed has about 1 in 2,000 (see demo.ts).
 */
export const SERIOUS_COMPLICATION_KINDS = [
  ["hematoma", 7, [3, 3]],
  ["infection", 7, [3, 3]],
  ["dural_tear_csf_leak", 5, [3, 3]],
  ["readmission", 4, [3, 3]],
  ["new_neurological_deficit", 3, [3, 4]],
  ["spinal_nerve_damage", 2, [3, 4]],
  ["reoperation", 2, [3, 3]],
] as const;

/** The cluster physician's serious events in the cluster period: related to the procedure or device. */
export const CLUSTER_RELATEDNESS_WEIGHTS = [
  ["procedure", 80],
  ["device", 20],
] as const;

/** Diagnoses, mostly lumbar spinal stenosis. */
export const DIAGNOSIS_WEIGHTS = [
  ["stenosis", 80],
  ["herniated_disc", 12],
  ["other", 8],
] as const;
/** How many levels are treated. */
export const LEVEL_COUNT_WEIGHTS = [
  [1, 55],
  [2, 35],
  [3, 10],
] as const;
/** The first level treated (index into the levels). */
export const FIRST_LEVEL_WEIGHTS = [
  [1, 5],
  [2, 20],
  [3, 45],
  [4, 30],
] as const;
/** Side of access. */
export const SIDE_WEIGHTS = [
  ["bilateral", 70],
  ["left", 15],
  ["right", 15],
] as const;
/** Anaesthesia. */
export const ANAESTHESIA_WEIGHTS = [
  ["local", 60],
  ["local_sedation", 38],
  ["general", 2],
] as const;
/** Relatedness as reported. */
export const RELATEDNESS_WEIGHTS = [
  ["procedure", 58],
  ["device", 10],
  ["anaesthesia", 8],
  ["unknown", 12],
  ["unrelated", 12],
] as const;
/** Adjudication of a report under 45 days old. */
export const RECENT_STATUS_WEIGHTS = [
  ["pending", 70],
  ["needs_info", 15],
  ["confirmed", 15],
] as const;
/** Adjudication of an older report. */
export const SETTLED_STATUS_WEIGHTS = [
  ["confirmed", 86],
  ["rejected", 10],
  ["needs_info", 4],
] as const;
