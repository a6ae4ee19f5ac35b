"use client";

import { SerwistProvider } from "@serwist/next/react";
import type { ReactNode } from "react";
import { UpdatePrompt } from "@/components/pwa/update-prompt";

/**
 * Registers the service worker when `enabled` (production builds: `next dev` has none). It does not
 * reload when the connection returns, so offline edits in an open editor are never thrown away.
 */
export function PwaProvider({
  children,
  enabled,
}: {
  readonly children: ReactNode;
  readonly enabled: boolean;
}) {
  return (
    <SerwistProvider swUrl="/sw.js" disable={!enabled} reloadOnOnline={false} cacheOnNavigation>
      {children}
      <UpdatePrompt />
    </SerwistProvider>
  );
}
