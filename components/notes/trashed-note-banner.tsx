"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { FormStatus } from "@/components/forms/form-status";
import type { FormAction } from "@/lib/server/action-state";

interface TrashedNoteBannerProps {
  /** Restores the note named by the form's `noteId`. */
  readonly restore: FormAction;
  /** The note just moved to the trash, while it is still there. */
  readonly noteId?: string;
  /** The list's own address, without `?trashed=`, to return to once the note is back. */
  readonly listHref: string;
}

/**
 * "Note moved to the trash" with Undo. Rendered on every list page, so it outlives its own
 * `noteId`: after Undo it says so, and the address loses `?trashed=` (a reload shows no banner).
 * Without JavaScript the form posts the same action and the page answers with the outcome.
 */
export function TrashedNoteBanner({ restore, noteId, listHref }: TrashedNoteBannerProps) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(restore, null);
  const restored = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (!state?.ok) return;
    // The Undo button is gone: keep keyboard focus on the outcome rather than the page's top.
    restored.current?.focus();
    router.replace(listHref, { scroll: false });
  }, [state, listHref, router]);

  if (state?.ok) {
    return (
      <p
        ref={restored}
        tabIndex={-1}
        role="status"
        className="rounded-lg border border-line bg-surface p-3 text-sm outline-none"
      >
        {state.message}
      </p>
    );
  }
  if (!noteId) return null;
  return (
    <div
      role="status"
      className="flex flex-wrap items-center gap-3 rounded-lg border border-line bg-surface p-3 text-sm"
    >
      Note moved to the trash.
      <form action={formAction}>
        <input type="hidden" name="noteId" value={noteId} />
        <button
          type="submit"
          disabled={pending}
          className="min-h-11 rounded-md border border-line bg-surface px-3 py-2 text-sm font-medium hover:bg-canvas disabled:opacity-60"
        >
          {pending ? "Restoring…" : "Undo"}
        </button>
      </form>
      {state && <FormStatus state={state} />}
    </div>
  );
}
