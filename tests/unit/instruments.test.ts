/**
 * Instrument files: the built-in English file passes its own schema; a clinic's override (the licensed ODI
 * wording, or a translation of some parts) is laid over it, an unknown language falls back to English, and a
 * malformed override is refused whole with a message naming the file and each problem. A full answer set
 * scores exactly as the clinic's ODI scoring does.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { ENGLISH } from "@/lib/outcomes/instruments/en";
import { instrumentFileSchema, ODI_SECTION_IDS } from "@/lib/outcomes/instruments/instrumentSchema";
import { InstrumentFileError, loadInstruments } from "@/lib/outcomes/instruments/loadInstruments";
import { diaryAnswersSchema, followUpAnswersSchema, QUESTIONNAIRE_ITEMS, scoreFollowUp } from "@/lib/outcomes/instruments/questionnaire";
import { ODI_SECTION_LABELS, scoreOdi } from "@/lib/outcomes/odi";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function folderWith(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mild-instruments-"));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  return dir;
}

const licensedOdi = {
  ...ENGLISH.odi,
  notice: "ODI 2.1a © Jeremy Fairbank, used under licence from Mapi Research Trust",
  sections: ENGLISH.odi.sections.map((s) => ({ ...s, answers: s.answers.map((_, i) => `Licensed answer ${s.id} ${i}`) })),
};

describe("the built-in instrument file", () => {
  it("passes its own schema", () => {
    expect(instrumentFileSchema.safeParse(ENGLISH).success).toBe(true);
    expect(loadInstruments("en", undefined)).toEqual(ENGLISH);
  });

  it("has the ODI's ten sections under their factual titles, NPRS anchors, and seven global-impression answers", () => {
    expect(ENGLISH.odi.sections.map((s) => s.id)).toEqual([...ODI_SECTION_IDS]);
    ENGLISH.odi.sections.forEach((s, i) => expect(s.title.startsWith(ODI_SECTION_LABELS[i]!)).toBe(true));
    expect([ENGLISH.nprsBack.lowAnchor, ENGLISH.nprsBack.highAnchor]).toEqual(["No pain", "Worst pain imaginable"]);
    expect([ENGLISH.pgic.answers[0], ENGLISH.pgic.answers[6]]).toEqual(["Very much improved", "Very much worse"]);
    expect(QUESTIONNAIRE_ITEMS.diary).toEqual(["nprsBack", "nprsLeg", "pgic"]);
  });
});

describe("override files in INSTRUMENTS_DIR", () => {
  it("lay the licensed ODI wording over the built-in file and keep the rest", () => {
    const dir = folderWith({ "en.json": { language: "en", odi: licensedOdi } });
    const loaded = loadInstruments("en", dir);
    expect(loaded.odi.sections[3]!.answers[2]).toBe("Licensed answer walking 2");
    expect(loaded.odi.notice).toMatch(/Mapi Research Trust/);
    expect(loaded.nprsLeg).toEqual(ENGLISH.nprsLeg);
  });

  it("add a language part by part, English for the rest, and an unknown language falls back to English", () => {
    const dir = folderWith({
      "de.json": {
        language: "de",
        nprsBack: { question: "Wie stark sind Ihre Rückenschmerzen?", lowAnchor: "Keine Schmerzen", highAnchor: "Stärkste vorstellbare Schmerzen" },
      },
    });
    const german = loadInstruments("de", dir);
    expect(german.language).toBe("de");
    expect(german.nprsBack.lowAnchor).toBe("Keine Schmerzen");
    expect(german.odi).toEqual(ENGLISH.odi);
    expect(loadInstruments("fr", dir)).toEqual(ENGLISH);
  });

  it("refuse a malformed file whole, naming the file and each problem", () => {
    const odiWithFiveAnswers = { ...licensedOdi, sections: licensedOdi.sections.map((s, i) => (i === 2 ? { ...s, answers: s.answers.slice(0, 5) } : s)) };
    const dir = folderWith({
      "en.json": { language: "en", odi: odiWithFiveAnswers },
      "de.json": "{ not json",
      "es.json": { language: "es", messages: { ...ENGLISH.messages, reminder: { subject: "Hola {firstName}", body: "Sin enlace" } } },
      "it.json": { language: "it", odi: { ...licensedOdi, sections: [...licensedOdi.sections].reverse() } },
      "pt.json": { language: "pt", pgic: ENGLISH.pgic, colour: "blue" },
    });
    const refusal = (language: string) => {
      try {
        loadInstruments(language, dir);
      } catch (error) {
        expect(error).toBeInstanceOf(InstrumentFileError);
        return (error as Error).message;
      }
      throw new Error(`${language}.json was accepted`);
    };
    expect(refusal("en")).toBe(
      `${path.join(dir, "en.json")} is not a valid instrument file: odi.sections.2.answers: each ODI section has six answers, scored 0 to 5 in this order`,
    );
    expect(refusal("de")).toMatch(/de\.json could not be read as JSON/);
    const es = refusal("es");
    expect(es).toMatch(/messages\.reminder\.subject: a subject may name only \{clinicName\}/);
    expect(es).toMatch(/messages\.reminder\.body: a message must contain \{link\} and \{optOutLink\}/);
    expect(refusal("it")).toMatch(/odi\.sections: the ODI sections must come in this order: pain_intensity, personal_care/);
    expect(refusal("pt")).toMatch(/colour/);
  });
});

describe("scoring a questionnaire", () => {
  it("scores a full answer set exactly as the clinic's ODI scoring does", () => {
    const answer = fc.option(fc.integer({ min: 0, max: 5 }), { nil: null, freq: 12 });
    fc.assert(
      fc.property(
        fc.array(answer, { minLength: 10, maxLength: 10 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 7 }),
        (sections, nrs, pgic) => {
          fc.pre(sections.filter((s) => s === null).length <= 1);
          const answers = followUpAnswersSchema.parse({
            nprsBack: nrs,
            nprsLeg: 10 - nrs,
            odiSections: sections,
            walkingMinutes: 12.5,
            standingMinutes: 0,
            pgic,
          });
          expect(scoreFollowUp(answers).odi).toBe(scoreOdi(sections));
        },
      ),
      { numRuns: 500 },
    );
    expect(
      scoreFollowUp(
        followUpAnswersSchema.parse({
          nprsBack: 3,
          nprsLeg: 2,
          odiSections: [5, 5, 5, 5, 5, 0, 0, 0, 0, 0],
          walkingMinutes: null,
          standingMinutes: null,
          pgic: 2,
        }),
      ).odi,
    ).toBe(50);
  });

  it("leaves the ODI empty when no section was answered, and refuses more than one section left out", () => {
    const none = followUpAnswersSchema.parse({
      nprsBack: 3,
      nprsLeg: null,
      odiSections: Array(10).fill(null),
      walkingMinutes: null,
      standingMinutes: null,
      pgic: null,
    });
    expect(scoreFollowUp(none).odi).toBeNull();
    const twoMissing = followUpAnswersSchema.safeParse({
      nprsBack: 3,
      nprsLeg: 2,
      odiSections: [null, null, 1, 1, 1, 1, 1, 1, 1, 1],
      walkingMinutes: 5,
      standingMinutes: 5,
      pgic: 4,
    });
    expect(twoMissing.success).toBe(false);
    expect(diaryAnswersSchema.safeParse({ nprsBack: 11, nprsLeg: 0, pgic: 8 }).success).toBe(false);
  });
});
