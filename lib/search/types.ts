/**
 * What search over the device's replica answers (issue 14 §1). Tiny and type-only, so the
 * palette, the notes search box and anything else may import it without pulling in the engine.
 */
export type SearchHitKind = "note" | "task";

export interface SearchHit {
  readonly kind: SearchHitKind;
  /** noteId or taskId. */
  readonly id: string;
  /** The note's title or the task's description (its first line). */
  readonly title: string;
  /** /notes/<id> or /tasks?task=<id>. */
  readonly href: string;
  /** Plain text around the best match. */
  readonly snippet: string;
  /** [start, end) in `snippet` of each matched word. */
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
