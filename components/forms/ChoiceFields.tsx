"use client";

import type { ReactNode } from "react";
import { describedBy, FieldError, Hint, LabelText, type Common, type Option } from "./Field";
import { useField } from "./FormContext";

// The form kit's choice fields: a yes/no checkbox, a group of checkboxes, radio buttons, and the fieldset around a group.

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
