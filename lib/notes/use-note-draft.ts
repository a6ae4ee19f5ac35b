"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { createSendLine, regressesBase } from "@/lib/notes/send-line";
import type { Note } from "@/lib/notes/types";
import { putDraft, readDraft } from "@/lib/offline/draft-store";
import { holdDraft, type SendOutcome, sendDraft } from "@/lib/offline/draft-sync";
import {
  editDraft,
  followNewer,
  keepMine as keepMineDraft,
  type NoteDraft,
  type NoteFields,
  nextRequest,
  startDraft,
  takeTheirs as takeTheirsDraft,
} from "@/lib/offline/drafts";
import { isOfflineStoreAvailable, rememberNotes } from "@/lib/offline/store";
import { reportPending, sendOrQueue } from "@/lib/offline/sync";
import { ulid } from "@/lib/ulid";

export type SaveState = "saved" | "unsaved" | "saving" | "offline" | "conflict" | "error";

const autosaveDelayMs = 800;
const firstRetryDelayMs = 2_000;
const lastRetryDelayMs = 30_000;

/** What the editor says about its note, from the draft and the last attempt to send it. */
export function saveStateOf(
  draft: NoteDraft,
  attempt: { readonly sending: boolean; readonly offline: boolean },
): SaveState {
  if (draft.conflict) return "conflict";
  if (draft.refused !== undefined) return "error";
  if (attempt.sending) return "saving";
  if (!nextRequest(draft)) return "saved";
  return attempt.offline ? "offline" : "unsaved";
}

interface Options {
  readonly noteId: string;
  /** The server's note, or null for a note not created yet. */
  readonly initial: Note | null;
  readonly prefill?: Partial<NoteFields>;
  /** Called once the note exists on the server. */
  readonly onCreated?: () => void;
  /** The note as this device's replica has it now (a pull brings what other devices saved). */
  readonly latest?: Note;
}

type SendOptions = { readonly create?: boolean; readonly keepalive?: boolean };

/**
 * The save protocol of one note's editor. Every change is written to the device's draft at once
 * (before any network call) and sent a moment after typing stops, when the person leaves the
 * note in the app, when the page is hidden or closed (keepalive), on reconnect and on the next
 * start. A draft left on the device is shown instead of the server's text.
 */
export function useNoteDraft({ noteId, initial, prefill, onCreated, latest }: Options) {
  const router = useRouter();
  const [first] = useState(() => startDraft(noteId, initial, ulid(), new Date().toISOString()));
  const draft = useRef(first);
  const [snapshot, setSnapshot] = useState(first);
  const [loaded, setLoaded] = useState(false);
  const [sending, setSending] = useState(false);
  const [offline, setOffline] = useState(false);
  const retryTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const retryDelay = useRef(firstRetryDelayMs);
  const mounted = useRef(true);
  const created = useRef(initial !== null);
  // A file is being attached: the note is created even without a title or text.
  const mustCreate = useRef(false);
  const onCreatedRef = useRef(onCreated);
  onCreatedRef.current = onCreated;
  const sendRef = useRef<() => void>(undefined);

  // The one writer of this note's draft while the editor is open: memory first, then the device.
  const keep = useCallback(async (next: NoteDraft): Promise<boolean> => {
    draft.current = next;
    setSnapshot(next);
    if (!created.current && next.base) {
      created.current = true;
      // Not after the editor closed: the URL is another page's by then.
      if (mounted.current) onCreatedRef.current?.();
    }
    if (isOfflineStoreAvailable()) await putDraft(next).catch(() => undefined);
    return true;
  }, []);

  const attempt = useCallback(
    async (options: SendOptions): Promise<SendOutcome> => {
      const sendOptions = { ...options, create: options.create || mustCreate.current };
      if (!nextRequest(draft.current, sendOptions)) return "idle";
      clearTimeout(retryTimer.current);
      setSending(true);
      const outcome = await sendDraft(
        {
          current: () => draft.current,
          // A late answer to a change sent twice (on leaving the page) is old news once a newer
          // one was answered: sending goes on from the draft as it is.
          save: (next) => (regressesBase(draft.current, next) ? Promise.resolve(true) : keep(next)),
          answered: (answer) => {
            if (answer.kind === "saved") void rememberNotes([answer.note]).catch(() => undefined);
          },
        },
        sendOptions,
      );
      setSending(false);
      setOffline(outcome === "offline" || outcome === "retry");
      void reportPending();
      // No answer: try again, less and less often while the server stays away.
      if (outcome === "retry" && navigator.onLine && mounted.current) {
        retryTimer.current = setTimeout(() => sendRef.current?.(), retryDelay.current);
        retryDelay.current = Math.min(retryDelay.current * 2, lastRetryDelayMs);
      } else if (outcome !== "retry") {
        retryDelay.current = firstRetryDelayMs;
      }
      return outcome;
    },
    [keep],
  );

  const attemptRef = useRef(attempt);
  attemptRef.current = attempt;
  // One send at a time, in call order; on leaving the page it starts at once (pagehide cannot
  // wait), beside a send still under way (see send-line.ts).
  const [line] = useState(() =>
    createSendLine((options: SendOptions) => attemptRef.current(options)),
  );
  const send = useCallback((options: SendOptions = {}) => line(options), [line]);
  sendRef.current = () => void send();

  // Load a draft this device kept for the note (its text wins over the server's), then send it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: one note per mount
  useEffect(() => {
    mounted.current = true;
    const release = holdDraft(noteId, async () => {
      if (created.current) return true;
      mustCreate.current = true;
      if (navigator.onLine) {
        await send();
        return created.current;
      }
      // Offline: the outbox creates the note before it uploads the file.
      const result = await sendOrQueue({
        method: "POST",
        url: "/api/notes",
        body: { noteId },
        label: "New note",
      });
      return result.queued || result.response.ok;
    });
    if (initial && isOfflineStoreAvailable()) void rememberNotes([initial]).catch(() => undefined);
    const load = isOfflineStoreAvailable()
      ? readDraft(noteId).catch(() => undefined)
      : Promise.resolve(undefined);
    void load.then(async (stored) => {
      if (!mounted.current) return;
      // A refusal is tried again once per opening (e.g. a note restored from the trash).
      if (stored) await keep({ ...stored, refused: undefined });
      else if (prefill)
        await keep(editDraft(draft.current, prefill, ulid(), new Date().toISOString()));
      setLoaded(true);
      void send();
    });
    return () => {
      mounted.current = false;
      clearTimeout(retryTimer.current);
      // Leaving the note inside the app: send what is pending, then show the lists fresh.
      const pending = Boolean(nextRequest(draft.current));
      void send()
        .then((outcome) => {
          if (pending && outcome === "saved") router.refresh();
        })
        .finally(release);
    };
  }, [noteId]);

  // A newer version saved elsewhere: followed while nothing typed here is pending (else the next
  // send meets it as a conflict and merges, as before).
  useEffect(() => {
    if (!latest || !loaded) return;
    const next = followNewer(draft.current, latest, ulid(), new Date().toISOString());
    if (next) void keep(next);
  }, [latest, loaded, keep]);

  // Autosave a moment after typing stops.
  useEffect(() => {
    if (!loaded || snapshot.inFlight || !nextRequest(snapshot)) return;
    const timer = setTimeout(() => void send(), autosaveDelayMs);
    return () => clearTimeout(timer);
  }, [snapshot, loaded, send]);

  // Hidden or closed: send now, with keepalive so the request outlives the page.
  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === "hidden") void send({ keepalive: true });
    };
    const onPageHide = () => void send({ keepalive: true });
    const onOnline = () => void send();
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        void send();
      }
    };
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", onPageHide);
    window.addEventListener("online", onOnline);
    window.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", onPageHide);
      window.removeEventListener("online", onOnline);
      window.removeEventListener("keydown", onKey);
    };
  }, [send]);

  const edit = (fields: Partial<NoteFields>) =>
    void keep(editDraft(draft.current, fields, ulid(), new Date().toISOString()));
  // Uploads and checkbox ticks change the text as it is when they land, not as it was.
  const editContent = useCallback(
    (change: (content: string) => string) =>
      void keep(
        editDraft(
          draft.current,
          { content: change(draft.current.fields.content) },
          ulid(),
          new Date().toISOString(),
        ),
      ),
    [keep],
  );

  return {
    fields: snapshot.fields,
    conflict: snapshot.conflict,
    message: snapshot.refused,
    state: saveStateOf(snapshot, { sending, offline }),
    loaded,
    update: edit,
    editContent,
    /** The server's copy: what a reload would show. */
    savedFields: snapshot.base?.fields ?? null,
    save: () => void send(),
    keepMine: () => void keep(keepMineDraft(draft.current)).then(() => send()),
    takeTheirs: () => void keep(takeTheirsDraft(draft.current, new Date().toISOString())),
  };
}
