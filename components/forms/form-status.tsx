import type { ActionState } from "@/lib/server/action-state";

/** The outcome of the last submission, announced politely to screen readers. */
export function FormStatus({ state }: { readonly state: ActionState | null }) {
  const message = state?.message;
  return (
    <p
      role="status"
      aria-live="polite"
      className={`min-h-5 text-sm ${state?.ok === false ? "text-danger" : "text-success"}`}
    >
      {message}
    </p>
  );
}
