"use client";

import { useEffect, useSyncExternalStore } from "react";
import { remoteImagesQuery } from "@/lib/notes/references";

const noChanges = () => () => undefined;

/**
 * A page's CSP is fixed when its document loads; moving between pages in the app keeps it. So
 * remote images may load only if this document itself was loaded with the query.
 */
function documentAllowsRemoteImages(): boolean {
  const entry = performance.getEntriesByType("navigation")[0];
  if (!entry) return false;
  return new URL(entry.name).searchParams.get(remoteImagesQuery.name) === remoteImagesQuery.value;
}

/**
 * Whether to render a note's remote images: the owner chose to (`chosen`) and this document's
 * CSP lets them load. Once the choice is saved, a document that does not allow them is loaded
 * again with the query, so no remote image is ever attempted (and refused) under the tight CSP.
 */
export function useRemoteImages(chosen: boolean, saved: boolean): boolean {
  const allowed = useSyncExternalStore(noChanges, documentAllowsRemoteImages, () => false);
  useEffect(() => {
    // Asks the document itself: right after hydration `allowed` still holds the server's answer.
    if (!chosen || !saved || documentAllowsRemoteImages()) return;
    const url = new URL(window.location.href);
    url.searchParams.set(remoteImagesQuery.name, remoteImagesQuery.value);
    window.location.replace(url);
  }, [chosen, saved]);
  return chosen && allowed;
}
