import Link from "next/link";
import { FilterDate, FilterSelect } from "@/components/filters/FilterFields";
import type { AuditLogQuery } from "@/lib/dal/auditLog";

type Options = { users: { id: number; name: string; email: string }[]; entities: string[]; actions: string[] };

/** A plain GET form: the log's view lives in the URL, so a filtered view can be bookmarked or sent to a committee. */
export function AuditFilterBar({ query, options }: { query: AuditLogQuery; options: Options }) {
  return (
    <form className="filter-bar" method="get" action="/audit" aria-label="Filter the audit log">
      <FilterSelect
        label="User"
        name="user"
        value={query.user === undefined ? "" : String(query.user)}
        options={[
          { value: "", label: "Anyone" },
          { value: "none", label: "No signed-in user (failed sign-ins, seed)" },
          ...options.users.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` })),
        ]}
      />
      <FilterSelect
        label="Record type"
        name="entity"
        value={query.entity}
        options={[{ value: "", label: "Any" }, ...options.entities.map((e) => ({ value: e, label: e }))]}
      />
      <label className="field compact">
        <span>Record id</span>
        <input type="text" name="entityId" inputMode="numeric" size={8} defaultValue={query.entityId ?? ""} />
      </label>
      <FilterSelect
        label="Action"
        name="action"
        value={query.action}
        options={[{ value: "", label: "Any" }, ...options.actions.map((x) => ({ value: x, label: x }))]}
      />
      <FilterDate label="From" name="from" value={query.from} />
      <FilterDate label="To" name="to" value={query.to} />
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
