import { connection } from "next/server";
import { loadInstruments, FALLBACK_LANGUAGE } from "@/lib/outcomes/instruments/loadInstruments";

/**
 * The one answer to every link that opens nothing — unknown, altered, truncated, expired, stopped — with the
 * same status (404) and the same words, so a link reveals nothing about why. Rendered per request, like every
 * page, for the CSP nonce.
 */
export default async function LinkUnavailable() {
  await connection();
  const words = loadInstruments(FALLBACK_LANGUAGE).page;
  return (
    <main className="q-main">
      <h1>Questionnaire</h1>
      <p className="q-notice">{words.unavailable}</p>
    </main>
  );
}
