import { checkAnswer, noteAnswer, readRefusal } from "@/lib/api/answers";
import type { Note } from "@/lib/notes/types";

/**
 * The pure core of note drafts: what a person typed, kept on the device at every keystroke and
 * sent until the server has it. No I/O here (see draft-store.ts and draft-sync.ts).
 *
 * A draft remembers the version its edits are based on and the fields as they were then
 * (`base`), so a stale one gets the server's 409, never a silent overwrite: its edits are then
 * merged three ways with their version (lib/merge/note-fields.ts, see draft-sync.ts), and only
 * overlapping edits wait for the person's choice. Each request's idempotency key is named
 * by the draft's revision (new at every edit) and its base version, so the same change sent twice
 * (on leaving the page, and again on the next start) applies once.
 */
export interface NoteFields {
  readonly title: string;
  readonly content: string;
  readonly tags: readonly string[];
  readonly pinned: boolean;
  /** The per-note choice to load remote images (see components/notes/use-remote-images.ts). */
  readonly remoteImages: boolean;
}

export interface DraftRequest {
  readonly method: "POST" | "PATCH";
  readonly url: string;
  readonly body: Record<string, unknown>;
  readonly idempotencyKey: string;
  /** The fields this request makes true on the server. */
  readonly fields: NoteFields;
}

export interface NoteDraft {
  readonly noteId: string;
  readonly fields: NoteFields;
  /** Changes at every edit. */
  readonly revision: string;
  /**
   * What the server last acknowledged, and its version; null while the note does not exist.
   * Also the common ancestor of a three-way merge after a 409: what these edits started from.
   */
  readonly base: { readonly fields: NoteFields; readonly version: number } | null;
  /** Sent, answer unseen: repeated as is (same key) before anything newer is sent. */
  readonly inFlight?: DraftRequest;
  /** Their newer version after a 409: nothing is sent until the person chooses. */
  readonly conflict?: Note;
  /** The server's refusal: nothing is sent again until the next edit or opening. */
  readonly refused?: string;
  readonly updatedAt: string;
}

export type DraftAnswer =
  | { readonly kind: "saved"; readonly note: Note; readonly applied: boolean }
  | { readonly kind: "conflict"; readonly theirs: Note }
  | { readonly kind: "refused"; readonly message: string }
  | { readonly kind: "retry" };

export const blankFields: NoteFields = {
  title: "",
  content: "",
  tags: [],
  pinned: false,
  remoteImages: false,
};

export function fieldsOf(note: Pick<Note, keyof NoteFields>): NoteFields {
  const { title, content, tags, pinned, remoteImages } = note;
  return { title, content, tags, pinned, remoteImages };
}

/** The fields of `fields` that differ from `base`: a PATCH names only what changed. */
export function changedFields(fields: NoteFields, base: NoteFields): Partial<NoteFields> {
  const patch: { -readonly [K in keyof NoteFields]?: NoteFields[K] } = {};
  if (fields.title !== base.title) patch.title = fields.title;
  if (fields.content !== base.content) patch.content = fields.content;
  if (fields.pinned !== base.pinned) patch.pinned = fields.pinned;
  if (fields.remoteImages !== base.remoteImages) patch.remoteImages = fields.remoteImages;
  if (fields.tags.join("\n") !== base.tags.join("\n")) patch.tags = fields.tags;
  return patch;
}

/** A note only comes to exist with a title or text (or a file, which asks for it explicitly). */
export function hasContent(fields: NoteFields): boolean {
  return fields.title.trim() !== "" || fields.content.trim() !== "";
}

/** A draft for an existing note, or (with `note` null) for one not created yet. */
export function startDraft(
  noteId: string,
  note: Note | null,
  revision: string,
  now: string,
  prefill: Partial<NoteFields> = {},
): NoteDraft {
  const base = note ? { fields: fieldsOf(note), version: note.version } : null;
  return {
    noteId,
    fields: { ...(base?.fields ?? blankFields), ...prefill },
    revision,
    base,
    updatedAt: now,
  };
}

export function editDraft(
  draft: NoteDraft,
  fields: Partial<NoteFields>,
  revision: string,
  now: string,
): NoteDraft {
  return {
    ...draft,
    fields: { ...draft.fields, ...fields },
    revision,
    refused: undefined,
    updatedAt: now,
  };
}

/**
 * The request that brings the server up to this draft, if any: first the unanswered one again,
 * then a create (only with content, unless `create` asks for it) or a PATCH of what changed.
 */
export function nextRequest(
  draft: NoteDraft,
  options: { readonly create?: boolean } = {},
): DraftRequest | undefined {
  if (draft.inFlight) return draft.inFlight;
  if (draft.conflict || draft.refused !== undefined) return undefined;
  if (!draft.base) {
    if (!options.create && !hasContent(draft.fields)) return undefined;
    const { remoteImages: _notStoredOnCreate, ...created } = draft.fields;
    return {
      method: "POST",
      url: "/api/notes",
      body: { noteId: draft.noteId, ...created },
      idempotencyKey: `${draft.revision}-new`,
      // A new note never loads remote images; choosing it before creation follows as a PATCH.
      fields: { ...draft.fields, remoteImages: false },
    };
  }
  const patch = changedFields(draft.fields, draft.base.fields);
  if (Object.keys(patch).length === 0) return undefined;
  return {
    method: "PATCH",
    url: `/api/notes/${draft.noteId}`,
    body: { version: draft.base.version, ...patch },
    idempotencyKey: `${draft.revision}-v${draft.base.version}`,
    fields: draft.fields,
  };
}

/** Nothing left to send or to decide: the device need not keep it. */
export function isSettled(draft: NoteDraft): boolean {
  if (draft.inFlight || draft.conflict || draft.refused !== undefined) return false;
  return draft.base
    ? Object.keys(changedFields(draft.fields, draft.base.fields)).length === 0
    : !hasContent(draft.fields);
}

export function markSent(draft: NoteDraft, request: DraftRequest): NoteDraft {
  return { ...draft, inFlight: request };
}

export function answerDraft(
  draft: NoteDraft,
  request: DraftRequest,
  answer: DraftAnswer,
): NoteDraft {
  switch (answer.kind) {
    case "retry":
      return draft;
    case "saved":
      // What was sent is the base (the server may normalise it, e.g. trim a title; sending the
      // raw text again would never settle). A create that found the note already there did not
      // apply: the server's fields are the base and the difference goes out as a PATCH.
      return {
        ...draft,
        inFlight: undefined,
        refused: undefined,
        base: {
          fields: answer.applied ? request.fields : fieldsOf(answer.note),
          version: answer.note.version,
        },
      };
    case "conflict":
      return { ...draft, inFlight: undefined, conflict: answer.theirs };
    case "refused":
      return { ...draft, inFlight: undefined, refused: answer.message };
  }
}

/** After a conflict: mine goes on top of their version (every field where mine differs). */
export function keepMine(draft: NoteDraft): NoteDraft {
  if (!draft.conflict) return draft;
  const theirs = draft.conflict;
  return {
    ...draft,
    conflict: undefined,
    base: { fields: fieldsOf(theirs), version: theirs.version },
  };
}

/** After a conflict: their version replaces mine. */
export function takeTheirs(draft: NoteDraft, now: string): NoteDraft {
  if (!draft.conflict) return draft;
  const theirs = draft.conflict;
  return {
    ...draft,
    conflict: undefined,
    fields: fieldsOf(theirs),
    base: { fields: fieldsOf(theirs), version: theirs.version },
    updatedAt: now,
  };
}

/**
 * What an HTTP answer means for a draft request; its body is checked, not trusted (async: the
 * answer schemas load on first use, lib/api/answers.ts).
 */
export async function classifyAnswer(
  request: Pick<DraftRequest, "method">,
  status: number,
  body: unknown,
): Promise<DraftAnswer> {
  if (status >= 200 && status < 300) {
    const note = await checkAnswer(noteAnswer, body);
    if (!note) {
      return {
        kind: "refused",
        message: "The server's answer could not be read; reload the page.",
      };
    }
    // A create answers 201 when it made the note, 200 when the note was already there.
    return {
      kind: "saved",
      note: note.data,
      applied: request.method === "PATCH" || status === 201,
    };
  }
  const json = await readRefusal(body);
  const current = await checkAnswer(noteAnswer, json.current);
  if (status === 409 && current) return { kind: "conflict", theirs: current.data };
  // A 409 without their version: nothing to choose between (keys still being applied answer
  // 503 now, older servers 409). A 401: the session lapsed; the draft goes out once this person
  // signs in again. Either way, ask again later. A 500 is a bug, not an outage: it stops there.
  if (status === 401 || status === 409 || status === 429 || status > 500) return { kind: "retry" };
  return {
    kind: "refused",
    message: json.error?.message ?? `The note could not be saved (HTTP ${status}).`,
  };
}

/**
 * A newer version of the note saved elsewhere, met by an open editor (issue 13): with nothing
 * typed here waiting to be sent, answered or decided, the editor shows theirs and goes on from
 * it; otherwise (undefined) the draft stays, and its next send meets theirs as a 409 and merges.
 */
export function followNewer(
  draft: NoteDraft,
  note: Note,
  revision: string,
  now: string,
): NoteDraft | undefined {
  if (!draft.base || note.version <= draft.base.version || !isSettled(draft)) return undefined;
  return startDraft(draft.noteId, note, revision, now);
}
