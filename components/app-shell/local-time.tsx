"use client";

import { useEffect, useState } from "react";

const fallback = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/**
 * A timestamp in the reader's own time zone and locale. The server knows neither, so it renders
 * the UTC date and the browser replaces it once mounted.
 */
export function LocalTime({
  iso,
  className,
}: {
  readonly iso: string;
  readonly className?: string;
}) {
  const [text, setText] = useState(() => fallback.format(new Date(iso)));
  useEffect(() => {
    setText(
      new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(
        new Date(iso),
      ),
    );
  }, [iso]);
  return (
    <time dateTime={iso} className={className}>
      {text}
    </time>
  );
}
