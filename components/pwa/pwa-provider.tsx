"use client";

import { SerwistProvider } from "@serwist/next/react";
import type { ReactNode } from "react";
import { UpdatePrompt } from "@/components/pwa/update-prompt";

/**
 * Registers the service worker (production builds only: `next dev` has none). It does not
 * reload when the connection returns, so offline edits in an open editor are never thrown away.
 */
export function PwaProvider({ children }: { readonly children: ReactNode }) {
  return (
    <SerwistProvider
      swUrl="/sw.js"
      disable={process.env.NODE_ENV !== "production"}
      reloadOnOnline={false}
      cacheOnNavigation
    >
      {children}
      <UpdatePrompt />
    </SerwistProvider>
  );
}
