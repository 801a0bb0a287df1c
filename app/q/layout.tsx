import type { Metadata } from "next";
import "../styles/questionnaire.css";

/**
 * The patients' pages (issue 16): outside the signed-in app, no session, no navigation, nothing of the app's
 * client code. Search engines are told to leave them alone, and no referrer leaves them (the URL is the key).
 */
export const metadata: Metadata = { title: "Questionnaire", robots: { index: false, follow: false }, referrer: "no-referrer" };

export default function PatientLayout({ children }: { children: React.ReactNode }) {
  return <div className="q-page">{children}</div>;
}
