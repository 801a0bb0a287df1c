import Link from "next/link";
import type { AuditLogQuery } from "@/lib/dal/auditLog";

type Options = { users: { id: number; name: string; email: string }[]; entities: string[]; actions: string[] };

/** A plain GET form: the log's view lives in the URL, so a filtered view can be bookmarked or sent to a committee. */
export function AuditFilterBar({ query, options }: { query: AuditLogQuery; options: Options }) {
  return (
    <form className="filter-bar" method="get" action="/audit" aria-label="Filter the audit log">
      <label className="field compact">
        <span>User</span>
        <select name="user" defaultValue={query.user === undefined ? "" : String(query.user)}>
          <option value="">Anyone</option>
          <option value="none">No signed-in user (failed sign-ins, seed)</option>
          {options.users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} ({u.email})
            </option>
          ))}
        </select>
      </label>
      <label className="field compact">
        <span>Record type</span>
        <select name="entity" defaultValue={query.entity ?? ""}>
          <option value="">Any</option>
          {options.entities.map((e) => (
            <option key={e} value={e}>
              {e}
            </option>
          ))}
        </select>
      </label>
      <label className="field compact">
        <span>Record id</span>
        <input type="text" name="entityId" inputMode="numeric" size={8} defaultValue={query.entityId ?? ""} />
      </label>
      <label className="field compact">
        <span>Action</span>
        <select name="action" defaultValue={query.action ?? ""}>
          <option value="">Any</option>
          {options.actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <label className="field compact">
        <span>From</span>
        <input type="date" name="from" defaultValue={query.from ?? ""} />
      </label>
      <label className="field compact">
        <span>To</span>
        <input type="date" name="to" defaultValue={query.to ?? ""} />
      </label>
      <input type="hidden" name="size" value={query.size} />
      <input type="hidden" name="dir" value={query.dir} />
      {query.hide && <input type="hidden" name="hide" value={query.hide} />}
      <div className="filter-actions">
        <button type="submit" className="button primary">
          Apply filters
        </button>
        <Link href="/audit" className="button subtle-light">
          Clear
        </Link>
      </div>
    </form>
  );
}
