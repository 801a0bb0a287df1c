"use client";

import type { ReactNode } from "react";
import { useField } from "./FormContext";

/**
 * The one set of form fields every record form uses. Each renders a real <label> (or <legend>), the hint with
 * the unit and range, the error beside the input, and ties them together with aria-describedby and
 * aria-invalid. Inputs are uncontrolled (defaultValue from the form's values) unless `value` is given.
 */

export type Option = { value: string; label: string; disabled?: boolean };

export type Common = {
  name: string;
  label: ReactNode;
  /** Unit, range or format, shown under the label and read out with the input. */
  hint?: ReactNode;
  optional?: boolean;
  className?: string;
};

export const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(" ") || undefined;

export function LabelText({ label, optional }: { label: ReactNode; optional?: boolean }) {
  return (
    <>
      {label}
      {optional && <span className="field-optional"> (optional)</span>}
    </>
  );
}

export function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  return hint ? (
    <span id={id} className="field-hint">
      {hint}
    </span>
  ) : null;
}

export function FieldError({ id, errors }: { id: string; errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <span id={id} className="field-error">
      {errors.map((e) => (
        <span key={e} className="field-error-line">
          <span className="visually-hidden">Error: </span>
          {e}
        </span>
      ))}
    </span>
  );
}

/** What a control needs from its field: its id and name, its value as typed or stored, and its ARIA wiring. */
type ControlProps = { id: string; name: string; defaultValue: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined };

/** The frame of every one-control field: the label, the hint, the error beside the control, all tied together. */
function LabelledField({ name, label, hint, optional, className, children }: Common & { children: (control: ControlProps) => ReactNode }) {
  const f = useField(name);
  const invalid = f.errors.length > 0;
  return (
    <div className={`field${invalid ? " has-error" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={f.id}>
        <LabelText label={label} optional={optional} />
      </label>
      <Hint id={f.hintId} hint={hint} />
      <FieldError id={f.errorId} errors={f.errors} />
      {children({
        id: f.id,
        name,
        defaultValue: f.value,
        "aria-invalid": invalid || undefined,
        "aria-describedby": describedBy(hint ? f.hintId : undefined, invalid && f.errorId),
      })}
    </div>
  );
}

type InputProps = Common & {
  type?: "text" | "date" | "email" | "password";
  inputMode?: "text" | "numeric" | "decimal";
  autoComplete?: string;
  maxLength?: number;
  /** Width in characters, so a 2-digit score does not get a full-width box. */
  size?: "short" | "medium" | "long";
  onValueChange?: (value: string) => void;
  suffix?: ReactNode;
  spellCheck?: boolean;
};

export function TextField({
  name,
  label,
  hint,
  optional,
  className,
  type = "text",
  inputMode,
  autoComplete,
  maxLength,
  size = "long",
  onValueChange,
  suffix,
  spellCheck,
}: InputProps) {
  return (
    <LabelledField name={name} label={label} hint={hint} optional={optional} className={className}>
      {(control) => (
        <span className="field-control">
          <input
            {...control}
            type={type}
            inputMode={inputMode}
            autoComplete={autoComplete ?? "off"}
            maxLength={maxLength}
            spellCheck={spellCheck}
            className={`input-${size}`}
            onChange={onValueChange ? (e) => onValueChange(e.target.value) : undefined}
          />
          {suffix && (
            <span className="field-suffix" aria-hidden="true">
              {suffix}
            </span>
          )}
        </span>
      )}
    </LabelledField>
  );
}

/** A number typed as text: what was typed comes back as typed, and the server names the rule it breaks. */
export function NumberField(props: Omit<InputProps, "type" | "inputMode"> & { decimals?: boolean }) {
  const { decimals, ...rest } = props;
  return <TextField size="short" {...rest} type="text" inputMode={decimals ? "decimal" : "numeric"} />;
}

export function DateField(props: Omit<InputProps, "type" | "inputMode" | "size">) {
  return <TextField {...props} type="date" size="medium" />;
}

export function TextAreaField({ maxLength, rows = 3, ...common }: Common & { maxLength?: number; rows?: number }) {
  return <LabelledField {...common}>{(control) => <textarea {...control} rows={rows} maxLength={maxLength} />}</LabelledField>;
}

type SelectProps = Common & {
  options: readonly Option[];
  /** The empty first choice; omit it when a value is always chosen. */
  placeholder?: string;
  /** Controlled value, for a select the form changes itself (e.g. a suggested timepoint). */
  value?: string;
  onValueChange?: (value: string) => void;
};

export function SelectField({ options, placeholder, value, onValueChange, ...common }: SelectProps) {
  return (
    <LabelledField {...common}>
      {({ defaultValue, ...control }) => (
        <select
          {...control}
          {...(value !== undefined ? { value } : { defaultValue })}
          onChange={onValueChange ? (e) => onValueChange(e.target.value) : undefined}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </LabelledField>
  );
}

export function HiddenField({ name }: { name: string }) {
  const f = useField(name);
  return <input type="hidden" name={name} defaultValue={f.value} />;
}
