import { monotonicFactory } from "ulid";

/**
 * The browser's ULIDs: time-ordered, and monotonic within a page (a second id in the same
 * millisecond is the last one plus one), so two changes queued in one millisecond keep their
 * order when the outbox replays in id order. An id for a time before the last one takes the
 * last one's time (the `ulid` package's monotonic factory).
 */
export const ulid = monotonicFactory();
