"use client";

import { useSyncExternalStore } from "react";
import { localDateTime, utcDay } from "@/lib/dates/display";

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
    () => localDateTime(new Date(iso)),
    () => utcDay(new Date(iso)),
  );
  return (
    <time dateTime={iso} className={className}>
      {text}
    </time>
  );
}
