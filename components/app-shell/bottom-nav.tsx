import Link from "next/link";
import { navItems } from "@/components/app-shell/nav-items";

/** Phone navigation: large targets at the bottom, above the home indicator. */
export function BottomNav() {
  const items = [...navItems, { href: "/settings", label: "Settings" }];
  return (
    <nav
      aria-label="Main"
      className="fixed inset-x-0 bottom-0 z-40 border-t border-line bg-surface pb-[env(safe-area-inset-bottom)] sm:hidden"
    >
      <ul className="flex">
        {items.map((item) => (
          <li key={item.href} className="flex-1">
            <Link
              href={item.href}
              className="flex min-h-14 items-center justify-center text-sm font-medium"
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
