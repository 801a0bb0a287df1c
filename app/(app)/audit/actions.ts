"use server";

import { verifyAuditChain } from "@/lib/dal/auditLog";
import { requirePrincipal } from "@/lib/dal/session";

/** The "Verify chain" button: the DAL refuses anyone but quality officers and administrators. */
export async function verifyChainAction() {
  const principal = await requirePrincipal();
  return verifyAuditChain(principal);
}
