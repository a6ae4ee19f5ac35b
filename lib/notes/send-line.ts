import type { NoteDraft } from "@/lib/offline/drafts";

/**
 * The order in which an editor sends its note: one send at a time, in call order, except the
 * send on leaving the page (keepalive). That one starts at once, beside a send still under way:
 * the one under way may be writing the device's draft or waiting for an answer the page's end
 * cuts off, and nothing queued behind it would ever start. Sending twice is safe: both carry the
 * same request and key (a draft resends the request in flight first, and names its keys by
 * revision and base version), so the server applies it once. When a send on leaving is already
 * under way (the page was hidden, then closed), it has sent that request with keepalive: a
 * second one waits in line rather than send it again.
 */
export function createSendLine<O extends { readonly keepalive?: boolean }, R>(
  attempt: (options: O) => Promise<R>,
): (options: O) => Promise<R> {
  let last: Promise<unknown> | undefined;
  let leaving = 0;
  return (options) => {
    const previous = last;
    const beside = options.keepalive && leaving === 0;
    const run = previous && !beside ? previous.then(() => attempt(options)) : attempt(options);
    if (options.keepalive) {
      leaving += 1;
      void run.finally(() => {
        leaving -= 1;
      });
    }
    // Whatever comes next waits for both the send under way and this one.
    const settled = Promise.allSettled(previous ? [previous, run] : [run]);
    last = settled;
    void settled.then(() => {
      if (last === settled) last = undefined;
    });
    return run;
  };
}

/**
 * Whether keeping `next` would take the draft's base back to an older version: a late answer to
 * a request sent twice (on leaving the page, beside the send under way) after a newer change was
 * already answered. Such an answer is old news and is not kept; keeping it would send the next
 * change against an old version and meet the person's own edit as a conflict.
 */
export function regressesBase(current: NoteDraft, next: NoteDraft): boolean {
  return Boolean(current.base && next.base && next.base.version < current.base.version);
}
