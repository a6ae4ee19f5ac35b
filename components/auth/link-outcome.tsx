import Link from "next/link";

/**
 * What a mailed link led to: done, or refused with what to do next. One wording for every
 * refusal (used, expired, mistyped), so the page tells nothing about anyone's account.
 */
export function LinkOutcome({
  title,
  children,
  next,
}: {
  readonly title: string;
  readonly children: React.ReactNode;
  readonly next: { readonly href: string; readonly label: string };
}) {
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <div className="space-y-2">{children}</div>
      <Link
        href={next.href}
        className="inline-flex min-h-11 items-center rounded-md bg-accent px-4 py-2 text-sm font-semibold text-accent-ink"
      >
        {next.label}
      </Link>
    </section>
  );
}
