"use client";

import { useSyncExternalStore } from "react";

const fallback = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
// One formatter for every timestamp shown: building one per card (30 on a list page, at every
// visit) showed in the navigation bench's CPU profile.
let local: Intl.DateTimeFormat | undefined;
const unchanging = () => () => undefined;

/**
 * A timestamp in the reader's own time zone and locale. The server knows neither, so it renders
 * the UTC date and the browser replaces it once hydrated; a timestamp first drawn in the browser
 * (a client-side navigation) is local from its first render, with no second one.
 */
export function LocalTime({
  iso,
  className,
}: {
  readonly iso: string;
  readonly className?: string;
}) {
  const text = useSyncExternalStore(
    unchanging,
    () => {
      local ??= new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
      return local.format(new Date(iso));
    },
    () => fallback.format(new Date(iso)),
  );
  return (
    <time dateTime={iso} className={className}>
      {text}
    </time>
  );
}
