"use client";

import type { ReactNode } from "react";
import { useField } from "./FormContext";

/**
 * The one set of form fields every record form uses. Each renders a real <label> (or <legend>), the hint with
 * the unit and range, the error beside the input, and ties them together with aria-describedby and
 * aria-invalid. Inputs are uncontrolled (defaultValue from the form's values) unless `value` is given.
 */

type Option = { value: string; label: string; disabled?: boolean };

type Common = {
  name: string;
  label: ReactNode;
  /** Unit, range or format, shown under the label and read out with the input. */
  hint?: ReactNode;
  optional?: boolean;
  className?: string;
};

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(" ") || undefined;

function LabelText({ label, optional }: { label: ReactNode; optional?: boolean }) {
  return (
    <>
      {label}
      {optional && <span className="field-optional"> (optional)</span>}
    </>
  );
}

function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
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

type InputProps = Common & {
  type?: "text" | "date";
  inputMode?: "text" | "numeric" | "decimal";
  autoComplete?: string;
  maxLength?: number;
  /** Width in characters, so a 2-digit score does not get a full-width box. */
  size?: "short" | "medium" | "long";
  onValueChange?: (value: string) => void;
  suffix?: ReactNode;
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
}: InputProps) {
  const f = useField(name);
  const invalid = f.errors.length > 0;
  return (
    <div className={`field${invalid ? " has-error" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={f.id}>
        <LabelText label={label} optional={optional} />
      </label>
      <Hint id={f.hintId} hint={hint} />
      <FieldError id={f.errorId} errors={f.errors} />
      <span className="field-control">
        <input
          id={f.id}
          name={name}
          type={type}
          inputMode={inputMode}
          autoComplete={autoComplete ?? "off"}
          maxLength={maxLength}
          defaultValue={f.value}
          className={`input-${size}`}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy(hint ? f.hintId : undefined, invalid && f.errorId)}
          onChange={onValueChange ? (e) => onValueChange(e.target.value) : undefined}
        />
        {suffix && (
          <span className="field-suffix" aria-hidden="true">
            {suffix}
          </span>
        )}
      </span>
    </div>
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

export function TextAreaField({ name, label, hint, optional, className, maxLength, rows = 3 }: Common & { maxLength?: number; rows?: number }) {
  const f = useField(name);
  const invalid = f.errors.length > 0;
  return (
    <div className={`field${invalid ? " has-error" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={f.id}>
        <LabelText label={label} optional={optional} />
      </label>
      <Hint id={f.hintId} hint={hint} />
      <FieldError id={f.errorId} errors={f.errors} />
      <textarea
        id={f.id}
        name={name}
        rows={rows}
        maxLength={maxLength}
        defaultValue={f.value}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(hint ? f.hintId : undefined, invalid && f.errorId)}
      />
    </div>
  );
}

type SelectProps = Common & {
  options: readonly Option[];
  /** The empty first choice; omit it when a value is always chosen. */
  placeholder?: string;
  /** Controlled value, for a select the form changes itself (e.g. a suggested timepoint). */
  value?: string;
  onValueChange?: (value: string) => void;
};

export function SelectField({ name, label, hint, optional, className, options, placeholder, value, onValueChange }: SelectProps) {
  const f = useField(name);
  const invalid = f.errors.length > 0;
  const valueProps = value !== undefined ? { value } : { defaultValue: f.value };
  return (
    <div className={`field${invalid ? " has-error" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={f.id}>
        <LabelText label={label} optional={optional} />
      </label>
      <Hint id={f.hintId} hint={hint} />
      <FieldError id={f.errorId} errors={f.errors} />
      <select
        id={f.id}
        name={name}
        {...valueProps}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(hint ? f.hintId : undefined, invalid && f.errorId)}
        onChange={onValueChange ? (e) => onValueChange(e.target.value) : undefined}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A single yes/no checkbox; its label sits to the right, as people expect. */
export function CheckboxField({
  name,
  label,
  hint,
  className,
  onValueChange,
  required,
}: Omit<Common, "optional"> & { onValueChange?: (checked: boolean) => void; required?: boolean }) {
  const f = useField(name);
  const invalid = f.errors.length > 0;
  return (
    <div className={`field check-field${invalid ? " has-error" : ""}${className ? ` ${className}` : ""}`}>
      <FieldError id={f.errorId} errors={f.errors} />
      <span className="check-row">
        <input
          id={f.id}
          name={name}
          type="checkbox"
          defaultChecked={f.value === "on" || f.value === "true"}
          required={required}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy(hint ? f.hintId : undefined, invalid && f.errorId)}
          onChange={onValueChange ? (e) => onValueChange(e.target.checked) : undefined}
        />
        <label htmlFor={f.id}>{label}</label>
      </span>
      <Hint id={f.hintId} hint={hint} />
    </div>
  );
}

type GroupProps = Common & { children: ReactNode; role?: "radiogroup" };

/**
 * A group of inputs under one legend, with the group's hint and error. The error is looked up by `name`
 * (a field name or a rule name such as `odiSections`); the fieldset itself takes focus when the error summary
 * points at it and no input inside carries the error.
 */
export function Fieldset({ name, label, hint, optional, className, children, role }: GroupProps) {
  const f = useField(name);
  const invalid = f.errors.length > 0;
  return (
    <fieldset
      id={`${f.id}-group`}
      tabIndex={-1}
      role={role}
      // A radio cannot carry aria-invalid; its radiogroup can.
      aria-invalid={(role === "radiogroup" && invalid) || undefined}
      className={`field-group${invalid ? " has-error" : ""}${className ? ` ${className}` : ""}`}
      aria-describedby={describedBy(hint ? f.hintId : undefined, invalid && f.errorId)}
    >
      <legend>
        <LabelText label={label} optional={optional} />
      </legend>
      <Hint id={f.hintId} hint={hint} />
      <FieldError id={f.errorId} errors={f.errors} />
      {children}
    </fieldset>
  );
}

/** Several checkboxes sharing one name: the form submits every ticked value (e.g. the levels treated). */
export function CheckboxGroup({ name, label, hint, optional, className, options, inline }: Common & { options: readonly Option[]; inline?: boolean }) {
  const f = useField(name);
  const invalid = f.errors.length > 0;
  const ticked = new Set(f.list);
  return (
    <Fieldset name={name} label={label} hint={hint} optional={optional} className={className}>
      <span className={inline ? "choices inline" : "choices"}>
        {options.map((o, i) => {
          const id = i === 0 ? f.id : `${f.id}-${i}`;
          return (
            <span key={o.value} className="check-row">
              <input id={id} type="checkbox" name={name} value={o.value} defaultChecked={ticked.has(o.value)} aria-invalid={invalid || undefined} />
              <label htmlFor={id}>{o.label}</label>
            </span>
          );
        })}
      </span>
    </Fieldset>
  );
}

type RadioOption = Option & { description?: ReactNode };

/** One choice out of a few, all visible at once (quicker to read than a select for up to ~6 options). */
export function RadioGroup({
  name,
  label,
  hint,
  optional,
  className,
  options,
  inline,
  onValueChange,
}: Common & { options: readonly RadioOption[]; inline?: boolean; onValueChange?: (value: string) => void }) {
  const f = useField(name);
  return (
    <Fieldset name={name} label={label} hint={hint} optional={optional} className={className} role="radiogroup">
      <span className={inline ? "choices inline" : "choices"}>
        {options.map((o, i) => {
          const id = i === 0 ? f.id : `${f.id}-${i}`;
          const descId = o.description ? `${id}-desc` : undefined;
          return (
            <span key={o.value} className="check-row">
              <input
                id={id}
                type="radio"
                name={name}
                value={o.value}
                defaultChecked={f.value === o.value}
                disabled={o.disabled}
                aria-describedby={descId}
                onChange={onValueChange ? (e) => e.target.checked && onValueChange(o.value) : undefined}
              />
              {/* The description stays outside the label: the accessible name is the short choice, the description is read after it. */}
              <span>
                <label htmlFor={id}>{o.label}</label>
                {o.description && (
                  <span id={descId} className="choice-description">
                    {o.description}
                  </span>
                )}
              </span>
            </span>
          );
        })}
      </span>
    </Fieldset>
  );
}

export function HiddenField({ name }: { name: string }) {
  const f = useField(name);
  return <input type="hidden" name={name} defaultValue={f.value} />;
}
