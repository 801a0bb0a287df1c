"use server";

import { verifyAuditChain } from "@/lib/dal/audit/auditLog";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";

/** The "Verify chain" button: the DAL refuses anyone but quality officers and administrators. */
export async function verifyChainAction() {
  const principal = await requirePrincipal();
  return verifyAuditChain(principal);
}
