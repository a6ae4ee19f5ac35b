import Link from "next/link";

export function BrandLink({ href = "/" }: { readonly href?: string }) {
  return (
    <Link href={href} className="flex items-center gap-2 text-lg font-semibold tracking-tight">
      <span
        aria-hidden="true"
        className="grid size-7 place-items-center rounded-md bg-accent text-sm text-accent-ink"
      >
        J
      </span>
      Jotboard
    </Link>
  );
}
