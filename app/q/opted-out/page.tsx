import { connection } from "next/server";

/** Where the one-click opt-out lands: the link itself no longer opens anything, so this page names no one. */
export default async function OptedOut() {
  await connection();
  return (
    <main className="q-main">
      <h1>You will get no more questionnaires</h1>
      <p className="q-notice" role="status">
        We have recorded that you do not want any more messages about your procedure. If this was a mistake, please tell your clinic.
      </p>
    </main>
  );
}
