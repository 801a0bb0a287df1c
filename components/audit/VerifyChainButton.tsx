"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { displayTimestamp } from "@/components/records/format";
import type { ChainVerdict } from "@/lib/audit/hashChain";

type VerifyState = (ChainVerdict & { checkedAt: string }) | null;

function Button() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="button primary" disabled={pending} aria-disabled={pending || undefined}>
      {pending ? "Verifying…" : "Verify chain"}
    </button>
  );
}

/** Recomputes every row's hash on the server and says whether the chain holds, or where it first breaks. */
export function VerifyChainButton({ action }: { action: (previous: VerifyState) => Promise<VerifyState> }) {
  const [verdict, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="audit-verify" aria-label="Verify the audit chain">
      <Button />
      <div role="status" aria-live="polite">
        {verdict &&
          (verdict.ok ? (
            <p className="audit-verdict ok">
              Chain intact: all {verdict.rows.toLocaleString("en-GB")} entries verified ({displayTimestamp(verdict.checkedAt)}).
            </p>
          ) : (
            <p className="audit-verdict broken">
              Chain broken at entry #{verdict.brokenAtId}: {verdict.reason}. {(verdict.rows - 1).toLocaleString("en-GB")} entries before it verified. The log
              was changed outside the app from that entry on.
            </p>
          ))}
      </div>
    </form>
  );
}
