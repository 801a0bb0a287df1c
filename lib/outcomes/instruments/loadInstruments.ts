/**
 * The instrument file for a patient's language: the built-in one (English today), with a clinic's override
 * file laid over it when INSTRUMENTS_DIR holds `<language>.json` — e.g. `en.json` carrying the licensed ODI
 * wording, or `de.json` translating some parts (the rest stays English). An unknown language falls back to
 * English. Every file is checked against instrumentSchema.ts when loaded; a malformed override is refused
 * with a message naming the file and each problem, never half-used. Files are read once per process.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { ENGLISH } from "./en";
import { instrumentFileSchema, instrumentOverrideSchema, type InstrumentFile } from "./instrumentSchema";

const BUILT_IN: Record<string, InstrumentFile> = { en: ENGLISH };
export const FALLBACK_LANGUAGE = "en";

export class InstrumentFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InstrumentFileError";
  }
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join(".") : "(file)"}: ${i.message}`).join("; ");
}

function validated(file: unknown, where: string): InstrumentFile {
  const parsed = instrumentFileSchema.safeParse(file);
  if (!parsed.success) throw new InstrumentFileError(`${where} is not a valid instrument file: ${describe(parsed.error)}`);
  return parsed.data;
}

function readOverride(file: string, language: string): Partial<InstrumentFile> {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new InstrumentFileError(`${file} could not be read as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = instrumentOverrideSchema.safeParse(json);
  if (!parsed.success) throw new InstrumentFileError(`${file} is not a valid instrument file: ${describe(parsed.error)}`);
  if (parsed.data.language !== language) throw new InstrumentFileError(`${file} says its language is "${parsed.data.language}", not "${language}"`);
  return parsed.data;
}

const cache = new Map<string, InstrumentFile>();

/** The checked instrument file for `language`; `dir` defaults to INSTRUMENTS_DIR (none when unset). */
export function loadInstruments(language: string, dir: string | undefined = process.env.INSTRUMENTS_DIR || undefined): InstrumentFile {
  const key = `${dir ?? ""}\u0000${language}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const overrideFile = dir && /^[a-z]{2,3}(-[A-Z]{2})?$/.test(language) ? path.join(dir, `${language}.json`) : null;
  const hasOverride = overrideFile !== null && fs.existsSync(overrideFile);
  const base = validated(BUILT_IN[language] ?? BUILT_IN[FALLBACK_LANGUAGE], `the built-in ${BUILT_IN[language] ? language : FALLBACK_LANGUAGE} file`);
  const result = hasOverride ? validated({ ...base, ...readOverride(overrideFile, language) }, overrideFile) : base;
  cache.set(key, result);
  return result;
}
