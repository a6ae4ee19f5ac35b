export type FieldErrors = Readonly<Record<string, readonly string[]>>;

/**
 * What every server action returns to its form. On failure, `values` echoes what was typed
 * (never passwords) so a refused form loses nothing.
 */
export type ActionState =
  | {
      readonly ok: true;
      readonly message?: string;
      /** For code that calls the action itself (a WebAuthn ceremony needs the server's options). */
      readonly data?: Readonly<Record<string, unknown>>;
    }
  | {
      readonly ok: false;
      readonly message: string;
      readonly fieldErrors: FieldErrors;
      readonly values?: Readonly<Record<string, string>>;
    };

export type FormAction = (state: ActionState | null, formData: FormData) => Promise<ActionState>;

export function fieldError(state: ActionState | null, field: string): string | undefined {
  return state && !state.ok ? state.fieldErrors[field]?.[0] : undefined;
}

export function typedValue(state: ActionState | null, field: string): string | undefined {
  return state && !state.ok ? state.values?.[field] : undefined;
}
