import { cookies, headers } from "next/headers";
import { notFound } from "next/navigation";
import { QuestionnaireForm } from "@/components/questionnaire/QuestionnaireForm";
import { draftKeeperScript } from "@/components/questionnaire/draftKeeper";
import { clientAddressFrom } from "@/lib/auth/clientAddress";
import { openInvitationLink } from "@/lib/dal/invitations/patientLink";
import { displayDate } from "@/lib/outcomes/dates";
import { loadInstruments } from "@/lib/outcomes/instruments/loadInstruments";
import { decodeDraft, DRAFT_COOKIE } from "@/lib/http/questionnaireDraft";
import { NONCE_HEADER } from "@/lib/http/securityHeaders";

/**
 * The patient's questionnaire at /q/<token>: no session; the token alone opens exactly one invitation
 * (lib/dal/invitations/patientLink.ts). Every link that opens nothing gets the same 404 page (not-found.tsx).
 * Shows the patient's first name and the clinic's name, and nothing else about them.
 */
export default async function QuestionnairePage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ sent?: string }> }) {
  const { token } = await params;
  const { sent } = await searchParams;
  const requestHeaders = await headers();
  const answer = await openInvitationLink(token, clientAddressFrom(requestHeaders));
  if (answer.state === "unavailable" || answer.state === "throttled") notFound();
  const { view } = answer;
  const words = loadInstruments(view.language);
  const fill = (s: string) => s.replace("{clinicName}", view.clinicName).replace("{date}", view.diaryDate ? displayDate(view.diaryDate) : "");
  const nonce = requestHeaders.get(NONCE_HEADER) ?? undefined;
  const base = `/q/${encodeURIComponent(token)}`;

  if (answer.state === "done") {
    return (
      <main className="q-main">
        <p className="q-clinic">{view.clinicName}</p>
        <h1>Thank you, {view.firstName}</h1>
        <p className="q-notice" role="status">
          {sent === "1" ? fill(words.page.thanks) : words.page.alreadyReceived}
        </p>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: draftKeeperScript("q-form", true) }} />
      </main>
    );
  }

  const draft = decodeDraft((await cookies()).get(DRAFT_COOKIE)?.value);
  return (
    <main className="q-main">
      <p className="q-clinic">{view.clinicName}</p>
      <h1>
        Hello {view.firstName}. {fill(view.kind === "diary" ? words.page.diaryHeading : words.page.followUpHeading)}
      </h1>
      <QuestionnaireForm kind={view.kind} words={words} action={`${base}/answer`} values={draft?.values ?? {}} errors={draft?.errors ?? {}} />
      <p className="q-footer">
        <a href={`${base}/opt-out`}>I do not want any more questionnaires</a>
      </p>
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: draftKeeperScript("q-form", false) }} />
    </main>
  );
}
