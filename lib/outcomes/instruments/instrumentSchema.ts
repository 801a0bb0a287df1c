/**
 * The format of an instrument file: the wording of everything a patient reads — the questionnaire items and
 * the invitation and reminder messages — in one language. The built-in English file is lib/outcomes/instruments/en.ts;
 * a clinic may drop JSON files of the same shape into INSTRUMENTS_DIR (see loadInstruments.ts and the README).
 *
 * What is fixed is checked here, not left to the wording: NPRS is 0–10 with two anchors; the ODI has its ten
 * sections in their order, each with six answers scored 0–5 in the order given; the Patient Global Impression
 * of Change has seven answers, "very much improved" (1) to "very much worse" (7); a message carries the link
 * and the way to opt out, and no placeholder beyond first name, clinic name, link and opt-out link.
 */
import { z } from "zod";

export const ODI_SECTION_IDS = [
  "pain_intensity",
  "personal_care",
  "lifting",
  "walking",
  "sitting",
  "standing",
  "sleeping",
  "sex_life",
  "social_life",
  "travelling",
] as const;

const text = z.string().trim().min(1).max(600);

const painScale = z.strictObject({ question: text, lowAnchor: text, highAnchor: text });

const odiSection = z.strictObject({
  id: z.enum(ODI_SECTION_IDS),
  title: text,
  answers: z.array(text).length(6, "each ODI section has six answers, scored 0 to 5 in this order"),
});

const odi = z.strictObject({
  title: text,
  instructions: text,
  /** Shown under the questionnaire: e.g. the licence notice that comes with the official wording. */
  notice: text.optional(),
  sections: z
    .array(odiSection)
    .length(10, "the ODI has ten sections")
    .refine((sections) => sections.every((s, i) => s.id === ODI_SECTION_IDS[i]), `the ODI sections must come in this order: ${ODI_SECTION_IDS.join(", ")}`),
});

const tolerance = z.strictObject({ question: text, unit: text, hint: text.optional() });

const pgic = z.strictObject({
  question: text,
  answers: z.array(text).length(7, 'the global impression has seven answers, from "very much improved" (1) to "very much worse" (7)'),
});

export const BODY_PLACEHOLDERS = ["firstName", "clinicName", "link", "optOutLink"] as const;
const SUBJECT_PLACEHOLDERS = ["clinicName"] as const;
const placeholdersIn = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

const messageTemplate = z.strictObject({
  subject: text.refine(
    (s) => placeholdersIn(s).every((p) => (SUBJECT_PLACEHOLDERS as readonly string[]).includes(p)),
    "a subject may name only {clinicName}: it shows in notification previews",
  ),
  /** Plain text; blank lines separate paragraphs. The HTML version is built from it. */
  body: z
    .string()
    .min(1)
    .max(4000)
    .refine(
      (s) => placeholdersIn(s).every((p) => (BODY_PLACEHOLDERS as readonly string[]).includes(p)),
      `a message may use only ${BODY_PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}`,
    )
    .refine((s) => s.includes("{link}") && s.includes("{optOutLink}"), "a message must contain {link} and {optOutLink}"),
});

const messages = z.strictObject({ invitation: messageTemplate, reminder: messageTemplate, diary: messageTemplate });

const page = z.strictObject({
  /** "How is your back today, {date}?" — the diary page names the day asked about. */
  diaryHeading: text,
  followUpHeading: text,
  submit: text,
  thanks: text,
  alreadyReceived: text,
  unavailable: text,
});

const language = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, "a language tag such as en, de or pt-BR");

export const instrumentFileSchema = z.strictObject({
  language,
  /** Where the wording comes from, e.g. "MILD Outcomes neutral wording" or the licensed source. */
  source: text,
  nprsBack: painScale,
  nprsLeg: painScale,
  odi,
  walkingTolerance: tolerance,
  standingTolerance: tolerance,
  pgic,
  page,
  messages,
});
export type InstrumentFile = z.infer<typeof instrumentFileSchema>;

/** An override file: the language and any of the parts, each whole (an ODI override brings all ten sections). */
export const instrumentOverrideSchema = instrumentFileSchema.partial().required({ language: true });
export type InstrumentOverride = z.infer<typeof instrumentOverrideSchema>;
