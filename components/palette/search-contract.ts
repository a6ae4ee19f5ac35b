// Stand-in for lib/search/types.ts (helper "search", CONTRACT-2.md) until h-search is merged.
export type SearchHitKind = "note" | "task";
export interface SearchHit {
  readonly kind: SearchHitKind;
  readonly id: string;
  readonly title: string;
  readonly href: string;
  readonly snippet: string;
  readonly highlights: readonly (readonly [number, number])[];
  readonly score: number;
  readonly updatedAt: string;
  readonly pinned?: boolean;
  readonly tags?: readonly string[];
  readonly status?: string;
}
export interface SearchOutcome {
  readonly hits: readonly SearchHit[];
  readonly query: string;
}
export interface LibrarySearch {
  search(query: string, options?: { limit?: number }): SearchOutcome;
}
