import Link from "next/link";
import { displayDate } from "@/lib/outcomes/dates";

/** A procedure in a table row: its date, linking to its page. */
export function ProcedureCell({ id, date }: { id: number; date: string }) {
  return (
    <Link prefetch={false} href={`/procedures/${id}`}>
      {displayDate(date)}
    </Link>
  );
}
