/**
 * Two edits of one task waiting in the outbox become one request (lib/offline/store.ts): the
 * newest value of each field, and what the server is to compare against from the first one,
 * which is what the device saw before any of them. Per field (`base`, issue 13 §4) where both
 * carry one; an entry queued by an earlier build carries only `version`, and then the merged
 * request keeps that version alone (the server checks it as before).
 */
export function mergeQueuedBodies(
  queued: Record<string, unknown> | undefined,
  next: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const { base: queuedBase, version, ...queuedFields } = queued ?? {};
  const { base: nextBase, version: nextVersion, ...nextFields } = next ?? {};
  const merged: Record<string, unknown> = { ...queuedFields, ...nextFields };
  if (isRecord(queuedBase) && isRecord(nextBase)) {
    merged.base = { ...nextBase, ...queuedBase };
  } else if (version !== undefined || nextVersion !== undefined) {
    merged.version = version ?? nextVersion;
  }
  return merged;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
