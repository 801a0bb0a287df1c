"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { displayTimestamp } from "@/components/records/format";
import type { AuditVerdict } from "@/lib/audit/verdict";

type VerifyState = (AuditVerdict & { checkedAt: string }) | null;

function Button() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="button primary" disabled={pending} aria-disabled={pending || undefined}>
      {pending ? "Verifying…" : "Verify chain"}
    </button>
  );
}

function Verdict({ verdict }: { verdict: NonNullable<VerifyState> }) {
  const entries = `${verdict.rows.toLocaleString("en-GB")} ${verdict.rows === 1 ? "entry" : "entries"}`;
  switch (verdict.status) {
    case "intact":
      return (
        <p className="audit-verdict ok">
          Chain intact: all {entries} verified under the audit key ({displayTimestamp(verdict.checkedAt)}).{" "}
          {verdict.checkpoint
            ? `The last checkpoint (${displayTimestamp(verdict.checkpoint.at)}, entry #${verdict.checkpoint.lastId}) matches.`
            : "No checkpoint has been written yet, so entries removed from the end could not be noticed."}
        </p>
      );
    case "truncated":
      return (
        <p className="audit-verdict broken">
          Entries missing after the last checkpoint: {verdict.reason}. The {entries} left verify; the log was cut short outside the app (or restored from an
          older backup).
        </p>
      );
    case "forged":
      return (
        <p className="audit-verdict broken">
          {verdict.wrongKey ? "Forged chain, or the wrong key" : "Forged chain"}: {verdict.reason}.{verdict.rows > 0 && ` ${entries} before it verified.`} The
          log was changed outside the app.
        </p>
      );
  }
}

/** Recomputes every row's hash on the server, checks the checkpoints kept outside the database, and says what it found. */
export function VerifyChainButton({ action }: { action: (previous: VerifyState) => Promise<VerifyState> }) {
  const [verdict, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="audit-verify" aria-label="Verify the audit chain">
      <Button />
      <div role="status" aria-live="polite">
        {verdict && <Verdict verdict={verdict} />}
      </div>
    </form>
  );
}
