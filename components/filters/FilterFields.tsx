import Link from "next/link";
import { useId, type ReactNode } from "react";
import { DIAGNOSES } from "@/db/enums";
import { DIAGNOSIS_LABELS, labelledOptions } from "@/lib/labels";

/**
 * The controls of the GET filter bars (outcomes and quality, procedures, review queue, audit log). The label is
 * tied to its control by id rather than wrapped around it, so its accessible name is the label alone, not the
 * label followed by every option's text.
 */
export type FilterOption = { value: string | number; label: string };

export function FilterSelect({
  label,
  name,
  value,
  options,
  grow,
}: {
  label: string;
  name: string;
  value: string | number | undefined | null;
  options: readonly FilterOption[];
  grow?: boolean;
}) {
  const id = useId();
  return (
    <div className={`field compact${grow ? " grow" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FilterDate({ label, name, value }: { label: string; name: string; value: string | undefined | null }) {
  const id = useId();
  return (
    <div className="field compact">
      <label htmlFor={id}>{label}</label>
      <input type="date" id={id} name={name} defaultValue={value ?? ""} />
    </div>
  );
}

export function FilterText({
  label,
  name,
  value,
  type = "text",
  inputMode,
  size,
  grow,
}: {
  label: string;
  name: string;
  value: string | number | undefined | null;
  type?: "text" | "search";
  inputMode?: "numeric";
  size?: number;
  grow?: boolean;
}) {
  const id = useId();
  return (
    <div className={`field compact${grow ? " grow" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <input type={type} id={id} name={name} inputMode={inputMode} size={size} defaultValue={value ?? ""} />
    </div>
  );
}

type Named = { id: number; name: string };

/** A choice that filters nothing comes first, then the choices. */
export const withAny = (anyLabel: string, options: readonly FilterOption[]): FilterOption[] => [{ value: "", label: anyLabel }, ...options];
export const namedOptions = (items: Named[]): FilterOption[] => items.map((i) => ({ value: i.id, label: i.name }));

export function PhysicianFilter({
  value,
  physicians,
  anyLabel = "All physicians",
}: {
  value: number | undefined | null;
  physicians: Named[];
  anyLabel?: string;
}) {
  return <FilterSelect label="Physician" name="physician" value={value} options={withAny(anyLabel, namedOptions(physicians))} />;
}

export function SiteFilter({ value, sites }: { value: number | undefined | null; sites: Named[] }) {
  return <FilterSelect label="Site" name="site" value={value} options={withAny("All sites", namedOptions(sites))} />;
}

export function DiagnosisFilter({ value }: { value: string | undefined | null }) {
  return <FilterSelect label="Diagnosis" name="diagnosis" value={value} options={withAny("Any", labelledOptions(DIAGNOSES, DIAGNOSIS_LABELS))} />;
}

export function DateRangeFilter({ from, to }: { from: string | undefined | null; to: string | undefined | null }) {
  return (
    <>
      <FilterDate label="From" name="from" value={from} />
      <FilterDate label="To" name="to" value={to} />
    </>
  );
}

/**
 * A list's filter bar: a plain GET form, so the view lives in the URL (bookmarked, shared, exported) and works
 * before any JavaScript has loaded. `keep` rides along as hidden fields (sort, page size, hidden columns).
 */
export function FilterBar({
  action,
  label,
  keep = {},
  submitLabel = "Apply filters",
  clearable = true,
  search,
  className = "filter-bar",
  children,
}: {
  action: string;
  label: string;
  keep?: Record<string, string | number | undefined>;
  submitLabel?: string;
  /** false: no "Clear" link (a bar with one field) */
  clearable?: boolean;
  /** the bar is a search form (role="search") */
  search?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form className={className} method="get" action={action} role={search ? "search" : undefined} aria-label={label}>
      {children}
      {Object.entries(keep).map(([name, value]) => value !== undefined && value !== "" && <input key={name} type="hidden" name={name} value={value} />)}
      <div className="filter-actions">
        <button type="submit" className="button primary">
          {submitLabel}
        </button>
        {clearable && (
          <Link href={action} className="button subtle-light">
            Clear
          </Link>
        )}
      </div>
    </form>
  );
}

/** Options from [value, label] pairs, in order. */
export const choices = (pairs: readonly (readonly [string | number, string])[]): FilterOption[] => pairs.map(([value, label]) => ({ value, label }));
/** Options whose label is the value itself (numbers, level codes). */
export const plainChoices = (values: readonly (string | number)[]): FilterOption[] => values.map((v) => ({ value: v, label: String(v) }));
