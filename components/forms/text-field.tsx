import type { InputHTMLAttributes } from "react";
import { type ActionState, fieldError, typedValue } from "@/lib/server/action-state";

interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  /** The form's last action state: supplies this field's error and, after a refusal, what was typed. */
  readonly state?: ActionState | null;
}

/** A labelled input whose error is announced and tied to it for screen readers. */
export function TextField({
  name,
  label,
  hint,
  state,
  id = name,
  defaultValue,
  ...input
}: TextFieldProps) {
  const error = state ? fieldError(state, name) : undefined;
  const kept = state && input.type !== "password" ? typedValue(state, name) : undefined;
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ");
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        defaultValue={kept ?? defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className="block min-h-11 w-full rounded-md border border-line bg-surface px-3 py-2 text-base aria-invalid:border-danger"
        {...input}
      />
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-danger">
          {error}
        </p>
      )}
    </div>
  );
}

type FieldProps = Omit<TextFieldProps, "name" | "label" | "type"> & {
  readonly name?: string;
  readonly label?: string;
};

export function EmailField({ name = "email", label = "Email", ...props }: FieldProps) {
  return (
    <TextField
      name={name}
      label={label}
      type="email"
      autoComplete="email"
      inputMode="email"
      required
      {...props}
    />
  );
}

export function PasswordField({
  name = "password",
  label = "Password",
  autoComplete = "current-password",
  ...props
}: FieldProps) {
  return (
    <TextField
      name={name}
      label={label}
      type="password"
      autoComplete={autoComplete}
      required
      {...props}
    />
  );
}

/** A new password and its repeat (change and reset): the manager fills both, the server compares. */
export function NewPasswordFields({
  hint,
  state,
}: {
  readonly hint: string;
  readonly state?: ActionState | null;
}) {
  return (
    <>
      <PasswordField
        name="newPassword"
        label="New password"
        autoComplete="new-password"
        minLength={8}
        hint={hint}
        state={state}
      />
      <PasswordField
        name="confirmPassword"
        label="Repeat the new password"
        autoComplete="new-password"
        state={state}
      />
    </>
  );
}
