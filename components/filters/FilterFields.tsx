import { useId } from "react";

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
  options: FilterOption[];
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
