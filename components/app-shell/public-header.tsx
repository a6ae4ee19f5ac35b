import Link from "next/link";
import { BrandLink } from "@/components/app-shell/brand-link";

/** The header of pages anyone may see: brand, sign in, create account. */
export function PublicHeader() {
  return (
    <header className="border-b border-line bg-surface pt-[env(safe-area-inset-top)]">
      <div className="mx-auto flex h-14 w-full max-w-5xl items-center gap-2 px-4 sm:px-6">
        <BrandLink />
        <nav aria-label="Account" className="ml-auto flex items-center gap-1">
          <Link href="/signin" className="rounded-md px-3 py-2 text-sm font-medium hover:bg-canvas">
            Sign in
          </Link>
          <Link
            href="/signup"
            className="rounded-md bg-accent px-3 py-2 text-sm font-semibold text-accent-ink"
          >
            Create account
          </Link>
        </nav>
      </div>
    </header>
  );
}
