import type { Metadata } from "next";
import { notFound } from "next/navigation";
import QRCode from "qrcode";
import { orNotFound, recordIdFrom } from "@/app/(app)/loadOr404";
import { invitationLabel } from "@/components/invitations/InvitationsPanel";
import { isClinicalWriter } from "@/lib/dal/access";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { ValidationError } from "@/lib/dal/errors";
import { invitationLetter } from "@/lib/dal/invitations/staffInvitations";
import { displayDate } from "@/lib/outcomes/dates";

export const metadata: Metadata = { title: "Questionnaire letter" };

/**
 * A printable letter for a patient without email: the questionnaire's link written out and as a QR code (an
 * inline SVG, so it prints sharp and needs no image request). Opening it is audited: it shows the link.
 */
export default async function LetterPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ key?: string }> }) {
  const me = await requirePrincipal();
  const id = recordIdFrom((await params).id);
  const { key } = await searchParams;
  // The procedure's physician or their site's coordinator (who works the follow-up list); the DAL checks which procedure.
  if (!isClinicalWriter(me) || !key) notFound();
  let letter: Awaited<ReturnType<typeof invitationLetter>>;
  try {
    letter = await orNotFound(invitationLetter(me, id, key));
  } catch (error) {
    if (error instanceof ValidationError) {
      return (
        <main className="letter">
          <h1>No letter to print</h1>
          <p role="alert">{Object.values(error.fieldErrors).flat().join(" ")}</p>
          <p className="no-print">
            <a href={`/procedures/${id}`}>Back to the procedure</a>
          </p>
        </main>
      );
    }
    throw error;
  }
  const svg = await QRCode.toString(letter.link, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return (
    <article className="letter" aria-labelledby="letter-title">
      <p className="no-print">
        <a href={`/procedures/${id}`}>Back to the procedure</a> · Print this page and give it to the patient.
      </p>
      <p className="letter-clinic">{letter.clinicName}</p>
      <p>Dear {letter.patientName},</p>
      <h1 id="letter-title">A short questionnaire about your back: {invitationLabel(letter.key).toLowerCase()}</h1>
      <p>
        {letter.clinicName} would like to know how you are doing since your procedure. Scan the square code with your phone’s camera, or type the address below
        into a web browser. It takes a few minutes and needs no password.
      </p>
      <div className="letter-qr" role="img" aria-label="QR code of the questionnaire's address" dangerouslySetInnerHTML={{ __html: svg }} />
      <p className="letter-link">
        <code>{letter.link}</code>
      </p>
      <p>The link is for you only and works until {displayDate(letter.expiresAt.slice(0, 10))}.</p>
    </article>
  );
}
