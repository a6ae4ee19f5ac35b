import { readJson } from "@/lib/api/client";
import { readDrafts, replaceDraft } from "@/lib/offline/draft-store";
import {
  answerDraft,
  classifyAnswer,
  type DraftAnswer,
  type DraftRequest,
  markSent,
  type NoteDraft,
  nextRequest,
} from "@/lib/offline/drafts";
import { settleWrite } from "@/lib/offline/local-writes";
import { reportPending, send } from "@/lib/offline/sync";

/**
 * Sends drafts to the server. An open editor sends its own note's draft (it holds it, see
 * `holdDraft`); everything else kept on the device (a tab closed before its last change went
 * out, a note edited offline) goes with `flushDrafts` on start, on reconnect and on return.
 */

/** Sends one draft request. `keepalive` lets it finish after the page is gone. */
export async function sendDraftRequest(
  request: DraftRequest,
  options: { readonly keepalive?: boolean } = {},
): Promise<DraftAnswer> {
  try {
    const response = await send(request, options);
    const answer = await classifyAnswer(request, response.status, await readJson(response));
    // The note as the server saved it goes into the device's replica (the same seam as the
    // outbox's changes), so its lists show it without waiting for a pull.
    if (answer.kind === "saved") await settleWrite(request, { ok: true, body: answer.note });
    return answer;
  } catch {
    // No answer (network, or a keepalive body over the browser's 64 KB): the draft keeps the
    // request and sends it again with the same key.
    return { kind: "retry" };
  }
}

type Ensure = () => Promise<boolean>;
const holders = new Map<string, Ensure>();

/**
 * An open editor holds its note's draft: the flush leaves it alone, and `ensureNoteExists` asks
 * the editor (a file attached to a note not created yet creates it first).
 */
export function holdDraft(noteId: string, ensure: Ensure): () => void {
  holders.set(noteId, ensure);
  return () => {
    if (holders.get(noteId) === ensure) holders.delete(noteId);
  };
}

/** True once the note exists on the server or is queued to be created before anything else. */
export function ensureNoteExists(noteId: string): Promise<boolean> {
  return holders.get(noteId)?.() ?? Promise.resolve(true);
}

/** Where a draft being sent lives: an open editor's memory, or the device's store. */
export interface DraftAccess {
  current(): NoteDraft;
  /** Keeps the draft; false when it changed elsewhere in the meantime (then sending stops). */
  save(draft: NoteDraft): Promise<boolean>;
  answered?(answer: DraftAnswer): void;
}

export type SendOutcome = DraftAnswer["kind"] | "idle" | "offline";

/**
 * Sends a draft until nothing is left to send, keeping each step on the device; stops offline
 * or at the first answer that is not a save. The first request may create an empty note when
 * `create` asks for it (a file is being attached).
 */
export async function sendDraft(
  access: DraftAccess,
  options: { readonly create?: boolean; readonly keepalive?: boolean } = {},
): Promise<SendOutcome> {
  let outcome: SendOutcome = "idle";
  for (;;) {
    const request = nextRequest(access.current(), options);
    if (!request) return outcome;
    if (!navigator.onLine) return "offline";
    const marking = access.save(markSent(access.current(), request));
    // On leaving the page the request must start now; the key is the same if it is sent again.
    if (!options.keepalive && !(await marking)) return "idle";
    const answer = await sendDraftRequest(request, options);
    // Their newer version: merged with the draft when the edits do not overlap (issue 13 §4).
    // The merge code loads only now, and before the draft is read, so every character typed
    // meanwhile is in `mine`.
    const merge = answer.kind === "conflict" ? await loadDraftMerge() : undefined;
    const answered = answerDraft(access.current(), request, answer);
    const next = merge ? merge(answered) : answered;
    if (!(await access.save(next))) return "idle";
    access.answered?.(answer);
    // A clean merge goes out at once, on their version; only overlapping edits wait for a choice.
    // (A merge that adds nothing to theirs is saved as it stands.)
    const merged = answer.kind === "conflict" && !next.conflict;
    outcome = merged ? "saved" : answer.kind;
    if (outcome !== "saved") return outcome;
  }
}

/** The three-way merge of a note draft, loaded on the first conflict (not in first-load JS). */
async function loadDraftMerge(): Promise<((draft: NoteDraft) => NoteDraft) | undefined> {
  try {
    return (await import("@/lib/merge/note-fields")).mergeConflictedDraft;
  } catch {
    // Not loadable (offline, not cached): the person chooses, as before merging existed.
    return undefined;
  }
}

let flushing: Promise<void> | undefined;

/** Sends every draft kept on this device whose editor is not open. */
export function flushDrafts(): Promise<void> {
  flushing ??= (async () => {
    try {
      for (const stored of await readDrafts()) {
        if (holders.has(stored.noteId)) continue;
        let draft = stored;
        await sendDraft({
          current: () => draft,
          save: async (next) => {
            if (holders.has(next.noteId) || !(await replaceDraft(next))) return false;
            draft = next;
            return true;
          },
        });
      }
    } finally {
      flushing = undefined;
      await reportPending();
    }
  })();
  return flushing;
}
