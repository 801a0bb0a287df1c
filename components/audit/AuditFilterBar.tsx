import { DateRangeFilter, FilterBar, FilterSelect, FilterText, plainChoices, withAny } from "@/components/filters/FilterFields";
import type { AuditLogQuery } from "@/lib/validation/auditLog";

type Options = { users: { id: number; name: string; email: string }[]; entities: string[]; actions: string[] };

/** The audit log's filters: a filtered view can be bookmarked or sent to a committee. */
export function AuditFilterBar({ query, options }: { query: AuditLogQuery; options: Options }) {
  const users = [
    { value: "none", label: "No signed-in user (failed sign-ins, seed)" },
    ...options.users.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` })),
  ];
  return (
    <FilterBar action="/audit" label="Filter the audit log" keep={{ size: query.size, dir: query.dir, hide: query.hide }}>
      <FilterSelect label="User" name="user" value={query.user} options={withAny("Anyone", users)} />
      <FilterSelect label="Record type" name="entity" value={query.entity} options={withAny("Any", plainChoices(options.entities))} />
      <FilterText label="Record id" name="entityId" inputMode="numeric" size={8} value={query.entityId} />
      <FilterSelect label="Action" name="action" value={query.action} options={withAny("Any", plainChoices(options.actions))} />
      <DateRangeFilter from={query.from} to={query.to} />
    </FilterBar>
  );
}
