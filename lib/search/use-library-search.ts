"use client";

import { useEffect, useMemo, useState } from "react";
import { useReplicaStatus } from "@/lib/replica/hooks";
import { loadedLibrarySearch, loadLibrarySearch, onLibraryIndexed } from "@/lib/search/load";
import type { LibrarySearch, SearchOutcome } from "@/lib/search/types";

/**
 * Search over the replica as the person types: `outcome` answers `query` (undefined while the
 * engine loads or the query is empty); `ready` once the engine is loaded and the replica holds
 * the whole library (before that a caller uses the server's search). The engine loads on the
 * first non-empty query (or earlier through `loadLibrarySearch()`, on focus or idle). Each
 * query is answered in the render that shows it, so results paint in the keystroke's frame.
 */
export function useLibrarySearch(
  query: string,
  options: { limit?: number } = {},
): { outcome: SearchOutcome | undefined; ready: boolean } {
  const [engine, setEngine] = useState<LibrarySearch | undefined>(loadedLibrarySearch);
  // Bumped when the index took in a change: the results shown are answered again.
  const [indexed, setIndexed] = useState(0);
  const status = useReplicaStatus();
  const wanted = query.trim() !== "";

  useEffect(() => {
    if (engine || !wanted) return;
    let active = true;
    void loadLibrarySearch().then(
      (loaded) => active && setEngine(loaded),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [engine, wanted]);

  useEffect(() => onLibraryIndexed(() => setIndexed((count) => count + 1)), []);

  const limit = options.limit;
  const outcome = useMemo(() => {
    void indexed;
    return engine && wanted ? engine.search(query, { limit }) : undefined;
  }, [engine, query, wanted, limit, indexed]);
  return { outcome, ready: engine !== undefined && status.state === "ready" };
}
