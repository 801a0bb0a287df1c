"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { markAlertsRead } from "@/lib/dal/alerts/alerts";

/** "Mark as read" on one alert (`id`) or "Mark all as read" (`all`): only the signed-in user's own alerts change. */
export async function markAlertsReadAction(formData: FormData): Promise<void> {
  const me = await requirePrincipal();
  const id = Number(formData.get("id"));
  await markAlertsRead(me, formData.get("all") ? { all: true } : { ids: [id] });
  revalidatePath("/alerts");
  // Back to the list (a plain form post, so it works before the page's JavaScript has loaded).
  redirect("/alerts");
}
