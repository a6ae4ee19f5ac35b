import { navItems } from "@/components/app-shell/nav-items";
import { NavLink } from "@/components/app-shell/nav-link";

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
            <NavLink
              href={item.href}
              className="flex min-h-14 items-center justify-center border-t-2 border-transparent text-sm font-medium text-muted aria-[current=page]:border-accent aria-[current=page]:bg-canvas aria-[current=page]:font-semibold aria-[current=page]:text-ink"
            >
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
