"use client";

import { type RefObject, useCallback, useLayoutEffect, useRef } from "react";
import { keptCaret } from "@/lib/merge/caret";

/**
 * A controlled textarea whose text changes from elsewhere while the person types (another
 * device's edits merged in, issue 13 §4) would throw the caret to the end; this keeps it where
 * they were typing. `remember` goes on the textarea's onSelect (caret moves and typing).
 */
export function useKeptCaret(ref: RefObject<HTMLTextAreaElement | null>, value: string) {
  const seen = useRef({ value, start: 0, end: 0 });
  const remember = useCallback(() => {
    const node = ref.current;
    if (node)
      seen.current = { value: node.value, start: node.selectionStart, end: node.selectionEnd };
  }, [ref]);

  useLayoutEffect(() => {
    const node = ref.current;
    const last = seen.current;
    if (!node || last.value === value) return;
    if (document.activeElement === node) {
      node.setSelectionRange(
        keptCaret(last.value, value, last.start),
        keptCaret(last.value, value, last.end),
      );
    }
    remember();
  }, [ref, value, remember]);

  return remember;
}
