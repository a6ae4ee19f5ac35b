import { BrandLink } from "@/components/app-shell/brand-link";
import { navItems } from "@/components/app-shell/nav-items";
import { NavLink } from "@/components/app-shell/nav-link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { OpenPaletteButton } from "@/components/palette/open-palette-button";
import { InstallButton } from "@/components/pwa/install-button";
import { SyncStatus } from "@/components/pwa/sync-status";
import type { SessionUser } from "@/lib/auth/session";

/** The signed-in header: sections, who is signed in, settings and sign out. */
export function AppHeader({ user }: { readonly user: SessionUser }) {
  return (
    <header className="sticky top-0 z-40 border-b border-line bg-surface/95 pt-[env(safe-area-inset-top)] backdrop-blur">
      <div className="mx-auto flex h-14 w-full max-w-5xl items-center gap-2 px-4 sm:gap-4 sm:px-6">
        <BrandLink href={navItems[0]?.href ?? "/settings"} compact />
        {navItems.length > 0 && (
          <nav aria-label="Main" className="hidden items-center gap-1 sm:flex">
            {navItems.map((item) => (
              <NavLink
                key={item.href}
                href={item.href}
                className="flex min-h-11 items-center rounded-md px-2 text-sm font-medium text-muted hover:bg-canvas hover:text-ink aria-[current=page]:bg-canvas aria-[current=page]:font-semibold aria-[current=page]:text-ink aria-[current=page]:underline aria-[current=page]:decoration-accent aria-[current=page]:decoration-2 aria-[current=page]:underline-offset-8 sm:px-3"
              >
                {item.label}
              </NavLink>
            ))}
          </nav>
        )}
        <div className="ml-auto flex min-w-0 items-center gap-1">
          <OpenPaletteButton />
          <SyncStatus userId={user.userId} />
          <InstallButton />
          <NavLink
            href="/settings"
            className="flex min-h-11 min-w-0 items-center gap-2 rounded-md px-2 text-sm hover:bg-canvas aria-[current=page]:bg-canvas aria-[current=page]:font-semibold"
            title={user.email}
          >
            <span className="sr-only">Account settings for </span>
            <span
              aria-hidden="true"
              className="grid size-7 shrink-0 place-items-center rounded-full bg-canvas text-xs font-semibold uppercase"
            >
              {(user.displayName || user.email).slice(0, 1)}
            </span>
            <span className="hidden truncate sm:inline">{user.displayName || user.email}</span>
          </NavLink>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
