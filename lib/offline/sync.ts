import { changeAnswer, noteAnswer, uploadGrantAnswer } from "@/lib/api/answers";
import { readAnswer, readJson, sendRequest } from "@/lib/api/client";
import type { Note } from "@/lib/notes/types";
import { endDeviceSession } from "@/lib/offline/device-data";
import { readDrafts } from "@/lib/offline/draft-store";
import { nextRequest } from "@/lib/offline/drafts";
import { landWrite, settleWrite } from "@/lib/offline/local-writes";
import {
  enqueueMutation,
  keepFile,
  keptFile,
  type QueuedMutation,
  queuedMutations,
  removeMutation,
  setMutationAside,
  takeForSending,
} from "@/lib/offline/store";
import { dropUnansweredOverlays } from "@/lib/replica/store";
import type { Task } from "@/lib/tasks/types";
import { ulid } from "@/lib/ulid";

/**
 * Sends a change now, or keeps it in the outbox when there is no connection, and replays the
 * outbox in order once there is. Each mutation carries an Idempotency-Key, so a replay that was
 * interrupted and repeated still applies exactly once.
 */
export type SyncEvent =
  | { readonly type: "queued"; readonly mutation: QueuedMutation }
  | { readonly type: "replayed"; readonly mutation: QueuedMutation; readonly body: unknown }
  | { readonly type: "conflict"; readonly mutation: QueuedMutation; readonly body: unknown }
  | {
      readonly type: "refused";
      readonly mutation: QueuedMutation;
      readonly message: string;
      /** The server failed on it (500): kept on the device, to retry or discard (sync status). */
      readonly setAside?: boolean;
    }
  | { readonly type: "pending"; readonly count: number; readonly mutation?: undefined };

/**
 * A listener returns `true` when it showed the event to the person (an open task view offering
 * the conflict choice, a note's attachment list marking a file failed). A refused or conflicting
 * change that no open view showed is kept aside on the device instead, to retry or discard.
 */
type Listener = (event: SyncEvent) => unknown;
const listeners = new Set<Listener>();

export function onSync(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells every listener; true when one of them showed the event to the person. */
function emit(event: SyncEvent): boolean {
  let shown = false;
  for (const listener of listeners) if (listener(event) === true) shown = true;
  return shown;
}

/** Changes on their way to the server: the outbox (not set aside) and drafts with something to send. */
export async function pendingCount(): Promise<number> {
  const [queue, drafts] = await Promise.all([queuedMutations(), readDrafts()]);
  return (
    queue.filter((mutation) => !mutation.setAside).length +
    drafts.filter((draft) => nextRequest(draft)).length
  );
}

/** Changes the server failed on, kept for the person to retry or discard. */
export async function setAsideMutations(): Promise<QueuedMutation[]> {
  return (await queuedMutations()).filter((mutation) => mutation.setAside);
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
  return sendRequest(mutation.url, {
    method: mutation.method,
    body: mutation.body,
    idempotencyKey: mutation.idempotencyKey,
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
  const grant = await readAnswer(presign, uploadGrantAnswer);
  if (!grant.ok) return new Response(null, { status: 502 });
  const { attachmentId, upload } = grant.data;
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
  // Nothing to overlay: the attachment's record is the server's to make (its answer, once
  // replayed, goes into the replica like any other).
  emit({ type: "queued", mutation });
  await reportPending();
  return mutation.id;
}

/** The change being sent now, if any: the next one waits for its answer. */
let sending: Promise<void> = Promise.resolve();

export type SendResult =
  | { readonly queued: true }
  | { readonly queued: false; readonly response: Response };

/**
 * The server's answer to a change sent now, into the device's replica: the record it kept, or
 * (any refusal) the change's overlay undone. The caller still reads the response.
 */
async function settleAnswered(mutation: QueuedMutation, response: Response): Promise<void> {
  const body = response.ok ? await readJson(response.clone()) : undefined;
  await settleWrite(mutation, response.ok ? { ok: true, body } : { ok: false });
}

/**
 * Sends now when possible; queues on a network failure (not on an HTTP error, which is an
 * answer). Either way the change shows in the device's replica at once: `optimistic` is the
 * record as the change will make it (`null`: gone), else the replica's record with the change.
 */
export async function sendOrQueue(
  request: MutationRequest,
  optimistic?: Note | Task | null,
): Promise<SendResult> {
  const mutation: QueuedMutation = {
    ...request,
    id: ulid(),
    idempotencyKey: ulid(),
    createdAt: new Date().toISOString(),
  };
  // Shown at once, a change invites the next one about the same record (a new task's tick)
  // before the server has answered this one: changes sent now go one after another, in the
  // order they were made.
  const previous = sending;
  let done = () => {};
  sending = new Promise<void>((resolve) => {
    done = resolve;
  });
  try {
    await landWrite(mutation, optimistic);
    await previous;
    // Nothing may overtake a change waiting in line; set-aside ones are out of line.
    const waiting = (await queuedMutations()).some((queued) => !queued.setAside);
    if (navigator.onLine && !waiting) {
      let response: Response | undefined;
      try {
        response = await send(mutation);
      } catch {
        // Network failure: fall through to the outbox.
      }
      if (response) {
        await settleAnswered(mutation, response);
        return { queued: false, response };
      }
    }
    await enqueueMutation(mutation);
  } finally {
    done();
  }
  emit({ type: "queued", mutation });
  await reportPending();
  return { queued: true };
}

let replaying: Promise<void> | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryDelayMs = 1_000;

/** Why a change is set aside, when the server gave no message of its own. */
const failedMessage = "The server failed on this change.";

/**
 * Replays the outbox in order; stops at the first network failure or server outage and tries
 * again with backoff, or after the server's Retry-After (the "online" event can come before
 * the network really works). A change the server fails on (500: a bug, not an outage) is set
 * aside with its message instead of blocking every change behind it.
 */
export function replayOutbox(): Promise<void> {
  let sessionEnded = false;
  let waitSeconds = 0;
  replaying ??= (async () => {
    try {
      for (const { id } of await queuedMutations()) {
        // As stored now (an edit merged in since the queue was read goes too), marked as sent.
        const mutation = await takeForSending(id);
        if (!mutation) continue;
        let response: Response;
        try {
          response = mutation.fileId ? await uploadKeptFile(mutation) : await send(mutation);
        } catch {
          return;
        }
        if (response.status === 500) {
          const answer = await readAnswer(response, null);
          const message = answer.ok ? failedMessage : (answer.serverMessage ?? failedMessage);
          await setMutationAside(mutation.id, message);
          await settleWrite(mutation, { ok: false });
          emit({ type: "refused", mutation, message, setAside: true });
          continue;
        }
        if (response.status > 500 || response.status === 429) {
          waitSeconds = Number(response.headers.get("retry-after")) || 0;
          return;
        }
        // The session is gone (signed out elsewhere): the device lets go of the account's data,
        // its unsent changes included, rather than keep them for whoever holds it next, and
        // goes to sign-in (lib/api/client.ts has already begun it; this waits for the wipe).
        if (response.status === 401) {
          sessionEnded = true;
          await endDeviceSession();
          return;
        }
        // A kept file's answer is its confirmation's: the note with the file.
        const schema = mutation.fileId ? noteAnswer : changeAnswer(mutation.url);
        const answer = await readAnswer(response, schema);
        // Into the replica before anyone hears of it: the views re-read what it kept, or (a
        // refusal) lose the overlay, which is the rollback the message below explains.
        await settleWrite(
          mutation,
          answer.ok || response.ok
            ? { ok: true, body: answer.ok ? answer.data : undefined }
            : { ok: false },
        );
        if (answer.ok) emit({ type: "replayed", mutation, body: answer.data });
        // Applied, though its answer is not what the route answers: nothing to show from it.
        else if (response.ok) emit({ type: "replayed", mutation, body: undefined });
        else {
          const message = answer.serverMessage ?? `HTTP ${response.status}`;
          const error = { code: answer.code, message };
          const shown =
            response.status === 409
              ? emit({ type: "conflict", mutation, body: { error, current: answer.current } })
              : emit({ type: "refused", mutation, message });
          if (!shown) {
            await setMutationAside(mutation.id, message);
            continue;
          }
        }
        await removeMutation(mutation.id);
      }
    } finally {
      // After a wipe, reading the store would only make an empty one again.
      emit({ type: "pending", count: sessionEnded ? 0 : await pendingCount() });
      replaying = undefined;
      clearTimeout(retryTimer);
      const waiting = !sessionEnded && (await queuedMutations()).some((queued) => !queued.setAside);
      if (waiting && navigator.onLine) {
        retryTimer = setTimeout(
          () => void replayOutbox(),
          Math.max(retryDelayMs, waitSeconds * 1000),
        );
        retryDelayMs = Math.min(retryDelayMs * 2, 30_000);
      } else {
        retryDelayMs = 1_000;
      }
    }
  })();
  return replaying;
}

/**
 * Once a page starts: overlays of changes an earlier page sent but never heard back from go
 * (lib/replica/store.ts `dropUnansweredOverlays`); the replica or a pull shows what the server
 * kept. Changes waiting in the outbox keep theirs.
 */
export async function dropUnansweredChanges(): Promise<void> {
  const waiting = new Set((await queuedMutations()).map((mutation) => mutation.idempotencyKey));
  await dropUnansweredOverlays(waiting, performance.timeOrigin);
}

/** Puts a set-aside change back in line (same key: the server freed it) and replays. */
export async function retrySetAside(id: string): Promise<void> {
  // A replay under way may have passed it already: put it back once that one is done.
  await replaying;
  await setMutationAside(id, undefined);
  await replayOutbox();
}

/** Drops a set-aside change for good (the person chose to). */
export async function discardSetAside(id: string): Promise<void> {
  await removeMutation(id);
  await reportPending();
}
