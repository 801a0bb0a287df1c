import { z } from "zod";
import { isTimeZone, serverTimeZone } from "@/lib/outcomes/dates";
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

const UNKNOWN_ZONE = "Unknown time zone: write its IANA name, such as Europe/Berlin, America/Chicago or Australia/Sydney";

/** The clinic's IANA time zone; left blank, the server's. It decides the site's "today". */
export const siteTimeZoneSchema = z.preprocess(
  (v) => (v === undefined || v === null || (typeof v === "string" && v.trim() === "") ? serverTimeZone() : v),
  z.string({ error: UNKNOWN_ZONE }).trim().max(64, UNKNOWN_ZONE).refine(isTimeZone, UNKNOWN_ZONE),
);

export const newSiteSchema = z.object({ code: siteCodeSchema, name: siteNameSchema, timeZone: siteTimeZoneSchema });

/** Name and time zone (kept when not sent): the code is an external reference (exports, imports) and is not changed. */
export const siteUpdateSchema = z.object({ name: siteNameSchema, timeZone: siteTimeZoneSchema.optional() });

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
