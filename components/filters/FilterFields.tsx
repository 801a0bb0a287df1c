/** The controls of the GET filter bars (procedures, review queue, audit log): a label around one control. */
export type FilterOption = { value: string | number; label: string };

export function FilterSelect({ label, name, value, options, grow }: { label: string; name: string; value: string | number | undefined | null; options: FilterOption[]; grow?: boolean }) {
  return (
    <label className={`field compact${grow ? " grow" : ""}`}>
      <span>{label}</span>
      <select name={name} defaultValue={value ?? ""}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function FilterDate({ label, name, value }: { label: string; name: string; value: string | undefined | null }) {
  return (
    <label className="field compact">
      <span>{label}</span>
      <input type="date" name={name} defaultValue={value ?? ""} />
    </label>
  );
}
