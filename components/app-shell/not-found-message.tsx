import Link from "next/link";

/** One wording for every "not found", so a missing page and someone else's look the same. */
export function NotFoundMessage({ backHref = "/", backLabel = "Back to the start" }) {
  return (
    <div className="space-y-4 py-12">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-muted">There is nothing at this address, or it is not yours to see.</p>
      <Link href={backHref} className="inline-block text-accent underline underline-offset-4">
        {backLabel}
      </Link>
    </div>
  );
}
