"use client";

import { signOutAction } from "@/app/(app)/actions";
import { clearOfflineThenSubmit } from "@/components/pwa/clear-offline-then-submit";

export function SignOutButton() {
  return (
    <form action={signOutAction} onSubmit={clearOfflineThenSubmit}>
      <button
        type="submit"
        className="min-h-11 whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium text-muted hover:bg-canvas hover:text-ink"
      >
        Sign out
      </button>
    </form>
  );
}
