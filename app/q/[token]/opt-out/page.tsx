import { connection } from "next/server";

/**
 * The opt-out link from a message: one button (a POST, so a mail scanner following links opts no one out).
 * It shows nothing about the link: whether it is valid is decided on the click, answered like the questionnaire.
 */
export default async function OptOutPage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  return (
    <main className="q-main">
      <h1>Stop the questionnaires</h1>
      <p>If you do not want any more questionnaires or reminders about your procedure, press the button. Your clinic will see that you chose this.</p>
      <form method="post" action={`/q/${encodeURIComponent(token)}/opt-out/confirm`}>
        <button type="submit" className="q-submit">
          Send me no more questionnaires
        </button>
      </form>
    </main>
  );
}
