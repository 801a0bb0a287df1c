/** How the outbox screens write an instant: the UI's date and the time in UTC (the server's clock for every site). */
import { displayDate } from "@/lib/outcomes/dates";

export function displayInstant(iso: string | null): string {
  if (!iso) return "—";
  return `${displayDate(iso.slice(0, 10))} ${iso.slice(11, 16)} UTC`;
}

export const OUTBOX_STATUS_LABELS = { queued: "Queued", sending: "Sending", sent: "Sent", failed: "Failed" } as const;
