/**
 * Invitation, reminder and diary messages to a patient, in plain text and simple HTML, from the wording of the
 * patient's instrument file (lib/outcomes/instruments). They carry exactly four values — the patient's first
 * name, the clinic's name, the questionnaire link and the opt-out link — so nothing else about the patient can
 * leak into a mailbox, a notification preview or a forwarded message.
 *
 * The HTML is built here from the text (paragraphs, two links), with every value and every word of the file
 * escaped: an instrument file or a name cannot inject markup.
 */
import type { InstrumentFile } from "@/lib/outcomes/instruments/instrumentSchema";

export type PatientMessageKind = keyof InstrumentFile["messages"];

export type PatientMessageValues = { firstName: string; clinicName: string; link: string; optOutLink: string };

export type RenderedMessage = { subject: string; text: string; html: string };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** One line, no control characters: a name typed with a line break must not start a new line in the message. */
const oneLine = (s: string) => s.replace(/[\p{Cc}\s]+/gu, " ").trim();

function checkedValues(v: PatientMessageValues): PatientMessageValues {
  for (const [name, url] of [
    ["link", v.link],
    ["optOutLink", v.optOutLink],
  ] as const) {
    if (!/^https?:\/\/[^\s<>"]+$/.test(url)) throw new RangeError(`${name}: "${url}" is not an http(s) URL`);
  }
  return { firstName: oneLine(v.firstName), clinicName: oneLine(v.clinicName), link: v.link, optOutLink: v.optOutLink };
}

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

export function renderPatientMessage(instruments: InstrumentFile, kind: PatientMessageKind, values: PatientMessageValues): RenderedMessage {
  const v = checkedValues(values);
  const template = instruments.messages[kind];
  const subject = fill(template.subject, { clinicName: v.clinicName });
  const text = fill(template.body, v);
  const htmlValues = {
    firstName: escapeHtml(v.firstName),
    clinicName: escapeHtml(v.clinicName),
    link: `<a href="${escapeHtml(v.link)}">${escapeHtml(v.link)}</a>`,
    optOutLink: `<a href="${escapeHtml(v.optOutLink)}">${escapeHtml(v.optOutLink)}</a>`,
  };
  const paragraphs = template.body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${fill(escapeHtml(p), htmlValues).replace(/\n/g, "<br>")}</p>`);
  const html = `<!doctype html><html lang="${escapeHtml(instruments.language)}"><body style="font-family: sans-serif; font-size: 16px; line-height: 1.5">${paragraphs.join("")}</body></html>`;
  return { subject, text, html };
}
