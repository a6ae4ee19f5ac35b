import { ulid } from "ulid";
import { readDrafts } from "@/lib/offline/draft-store";
import { nextRequest } from "@/lib/offline/drafts";
import {
  clearOfflineStore,
  enqueueMutation,
  keepFile,
  keptFile,
  type QueuedMutation,
  queuedMutations,
  removeMutation,
} from "@/lib/offline/store";

/**
 * Sends a change now, or keeps it in the outbox when there is no connection, and replays the
 * outbox in order once there is. Each mutation carries an Idempotency-Key, so a replay that was
 * interrupted and repeated still applies exactly once.
 */
export type SyncEvent =
  | { readonly type: "queued"; readonly mutation: QueuedMutation }
  | { readonly type: "replayed"; readonly mutation: QueuedMutation; readonly body: unknown }
  | { readonly type: "conflict"; readonly mutation: QueuedMutation; readonly body: unknown }
  | { readonly type: "refused"; readonly mutation: QueuedMutation; readonly message: string }
  | { readonly type: "pending"; readonly count: number; readonly mutation?: undefined };

type Listener = (event: SyncEvent) => void;
const listeners = new Set<Listener>();

export function onSync(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(event: SyncEvent) {
  for (const listener of listeners) listener(event);
}

/** Changes not on the server yet: the outbox and the drafts with something to send. */
export async function pendingCount(): Promise<number> {
  const [queue, drafts] = await Promise.all([queuedMutations(), readDrafts()]);
  return queue.length + drafts.filter((draft) => nextRequest(draft)).length;
}

export async function reportPending(): Promise<void> {
  emit({ type: "pending", count: await pendingCount() });
}

export interface MutationRequest {
  readonly method: QueuedMutation["method"];
  readonly url: string;
  readonly body?: Record<string, unknown>;
  readonly mergeKey?: string;
  readonly label: string;
}

/** One change as JSON with its idempotency key; `keepalive` lets it finish after the page is gone. */
export function send(
  mutation: Pick<QueuedMutation, "method" | "url" | "body" | "idempotencyKey">,
  options: { readonly keepalive?: boolean } = {},
) {
  return fetch(mutation.url, {
    method: mutation.method,
    headers: { "content-type": "application/json", "idempotency-key": mutation.idempotencyKey },
    body: mutation.body ? JSON.stringify(mutation.body) : undefined,
    keepalive: options.keepalive,
  });
}

/**
 * Replays an attachment chosen offline: presign, PUT the kept file straight to S3, confirm.
 * Presigning changes nothing and confirming is idempotent, so an interrupted replay is safe to
 * repeat. Answers with the confirm's response (or the first refusal).
 */
async function uploadKeptFile(mutation: QueuedMutation): Promise<Response> {
  const blob = mutation.fileId ? await keptFile(mutation.fileId) : undefined;
  if (!blob)
    return new Response(
      JSON.stringify({ error: { message: "The file is no longer on this device." } }),
      { status: 410 },
    );
  const presign = await send(mutation);
  if (!presign.ok) return presign;
  const { attachmentId, upload } = (await presign.json()) as {
    attachmentId: string;
    upload: { url: string; headers: Record<string, string> };
  };
  const put = await fetch(upload.url, { method: "PUT", headers: upload.headers, body: blob });
  if (!put.ok) return new Response(null, { status: 502 });
  return send({
    ...mutation,
    url: `${mutation.url}/${attachmentId}`,
    idempotencyKey: `${mutation.idempotencyKey}-confirm`,
  });
}

/** Keeps a file chosen offline and queues its upload to a note. */
export async function queueUpload(
  noteId: string,
  file: File,
  contentType: string,
): Promise<string> {
  const fileId = ulid();
  await keepFile(fileId, file);
  const mutation: QueuedMutation = {
    id: ulid(),
    fileId,
    method: "POST",
    url: `/api/notes/${noteId}/attachments`,
    body: { name: file.name, size: file.size, contentType },
    idempotencyKey: ulid(),
    label: `Attach ${file.name}`,
    createdAt: new Date().toISOString(),
  };
  await enqueueMutation(mutation);
  emit({ type: "queued", mutation });
  await reportPending();
  return mutation.id;
}

export type SendResult =
  | { readonly queued: true }
  | { readonly queued: false; readonly response: Response };

/** Sends now when possible; queues on a network failure (not on an HTTP error, which is an answer). */
export async function sendOrQueue(request: MutationRequest): Promise<SendResult> {
  const mutation: QueuedMutation = {
    ...request,
    id: ulid(),
    idempotencyKey: ulid(),
    createdAt: new Date().toISOString(),
  };
  if (navigator.onLine && (await queuedMutations()).length === 0) {
    try {
      return { queued: false, response: await send(mutation) };
    } catch {
      // Network failure: fall through to the outbox.
    }
  }
  await enqueueMutation(mutation);
  emit({ type: "queued", mutation });
  await reportPending();
  return { queued: true };
}

let replaying: Promise<void> | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryDelayMs = 1_000;

/**
 * Replays the outbox in order; stops at the first network failure or server outage and tries
 * again with backoff (the "online" event can come before the network really works).
 */
export function replayOutbox(): Promise<void> {
  let sessionEnded = false;
  replaying ??= (async () => {
    try {
      for (const mutation of await queuedMutations()) {
        let response: Response;
        try {
          response = mutation.fileId ? await uploadKeptFile(mutation) : await send(mutation);
        } catch {
          return;
        }
        if (response.status >= 500 || response.status === 429) return;
        // The session is gone (signed out elsewhere): the device lets go of the account's data,
        // its unsent changes included, rather than keep them for whoever holds it next.
        if (response.status === 401) {
          sessionEnded = true;
          await clearOfflineStore();
          return;
        }
        const body = await response.json().catch(() => undefined);
        if (response.ok) emit({ type: "replayed", mutation, body });
        else if (response.status === 409) emit({ type: "conflict", mutation, body });
        else {
          const message =
            (body as { error?: { message?: string } })?.error?.message ?? `HTTP ${response.status}`;
          emit({ type: "refused", mutation, message });
        }
        await removeMutation(mutation.id);
      }
    } finally {
      // After a wipe, reading the store would only make an empty one again.
      const count = sessionEnded ? 0 : (await queuedMutations()).length;
      if (sessionEnded) emit({ type: "pending", count });
      else await reportPending();
      replaying = undefined;
      clearTimeout(retryTimer);
      if (count > 0 && navigator.onLine) {
        retryTimer = setTimeout(() => void replayOutbox(), retryDelayMs);
        retryDelayMs = Math.min(retryDelayMs * 2, 30_000);
      } else {
        retryDelayMs = 1_000;
      }
    }
  })();
  return replaying;
}
