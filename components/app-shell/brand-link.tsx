import { ReplicaLink } from "@/components/app-shell/replica-link";

/** `compact` keeps only the mark on phones (the name stays for screen readers). */
export function BrandLink({
  href = "/",
  compact = false,
}: {
  readonly href?: string;
  readonly compact?: boolean;
}) {
  return (
    <ReplicaLink
      href={href}
      className="flex items-center gap-2 text-lg font-semibold tracking-tight"
    >
      <span
        aria-hidden="true"
        className="grid size-7 place-items-center rounded-md bg-accent text-sm text-accent-ink"
      >
        J
      </span>
      <span className={compact ? "sr-only sm:not-sr-only" : undefined}>Jotboard</span>
    </ReplicaLink>
  );
}
