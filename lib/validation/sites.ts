import { z } from "zod";
import { hasNoControlCharacters, noControlCharacters } from "./fields";
import { MAX_RECORD_ID, recordIdField } from "./recordId";

/**
 * A site's short code travels in CSV exports and imports and stays fixed once created, so it is kept to
 * characters that survive any spreadsheet and stored upper-case (so `nvs` and `NVS` cannot both exist).
 */
export const siteCodeSchema = z
  .string({ error: "Enter a site code" })
  .trim()
  .toUpperCase()
  .min(1, "Enter a site code")
  .max(16, "Use at most 16 characters")
  .regex(/^[A-Z0-9][A-Z0-9_-]*$/, "Use letters, digits, - and _ only, starting with a letter or digit");

export const siteNameSchema = z
  .string({ error: "Enter the site's name" })
  .trim()
  .min(1, "Enter the site's name")
  .max(200, "Name is too long")
  .refine(hasNoControlCharacters, noControlCharacters("The site's name"));

export const newSiteSchema = z.object({ code: siteCodeSchema, name: siteNameSchema });

/** Renaming only: the code is an external reference (exports, imports) and is not changed. */
export const siteUpdateSchema = z.object({ name: siteNameSchema });

/**
 * An optional reference to a site. Forms send "" for "no site" and digits as text; scripts send numbers or
 * null. Either way the result is a positive integer or null.
 */
export const siteReferenceSchema = z.preprocess(
  (v) => (v === "" || v === undefined || v === null ? null : typeof v === "string" ? Number(v) : v),
  z
    .number({ error: "Choose a site from the list" })
    .int("Choose a site from the list")
    .positive("Choose a site from the list")
    .max(MAX_RECORD_ID, "Choose a site from the list")
    .nullable(),
);

/** A record id arriving from a form or URL as text. */
export const recordIdSchema = recordIdField("Missing record id");
