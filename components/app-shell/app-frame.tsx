import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-shell/app-header";
import { BottomNav } from "@/components/app-shell/bottom-nav";
import { LiveUpdates } from "@/components/app-shell/live-updates";
import { VerifyEmailBanner } from "@/components/app-shell/verify-email-banner";
import { KeyboardShortcuts } from "@/components/palette/keyboard-shortcuts";
import { SessionEndWatcher } from "@/components/pwa/session-end-watcher";
import type { SessionUser } from "@/lib/auth/session";

/** The frame of a signed-in person's pages: header, main, and the phone's bottom navigation. */
export function AppFrame({ user, children }: { user: SessionUser; children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <AppHeader user={user} />
      {user.emailVerified === false && <VerifyEmailBanner email={user.email} />}
      <main
        id="main"
        className="mx-auto w-full max-w-5xl flex-1 px-4 pt-6 pb-[calc(5rem+env(safe-area-inset-bottom))] sm:px-6 sm:pb-6"
      >
        {children}
      </main>
      <BottomNav />
      <LiveUpdates userId={user.userId} />
      <SessionEndWatcher />
      <KeyboardShortcuts />
    </div>
  );
}
