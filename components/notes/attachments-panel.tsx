"use client";

import { type DragEvent, useEffect, useRef, useState } from "react";
import { noteAnswer } from "@/lib/api/answers";
import { attachmentTypes, inlineImageTypes, noteLimits } from "@/lib/notes/constants";
import type { Attachment, Note } from "@/lib/notes/types";
import {
  contentTypeOf,
  onAttachmentAdded,
  postJson,
  uploadAttachment,
} from "@/lib/notes/upload-client";
import { ensureNoteExists } from "@/lib/offline/draft-sync";
import { onSync, queueUpload } from "@/lib/offline/sync";

interface Upload {
  readonly id: string;
  readonly name: string;
  readonly progress: number;
  readonly state: "uploading" | "confirming" | "failed" | "cancelled" | "waiting";
  /** The outbox entry of a file chosen offline. */
  readonly mutationId?: string;
  readonly message?: string;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function AttachmentsPanel({
  noteId,
  initial,
}: {
  readonly noteId: string;
  readonly initial: readonly Attachment[];
}) {
  const [attachments, setAttachments] = useState(initial);
  const [uploads, setUploads] = useState<readonly Upload[]>([]);
  const [notice, setNotice] = useState<string>();
  const [dragging, setDragging] = useState(false);
  const requests = useRef(new Map<string, XMLHttpRequest>());
  const base = `/api/notes/${noteId}/attachments`;

  const patchUpload = (id: string, fields: Partial<Upload>) =>
    setUploads((current) =>
      current.map((upload) => (upload.id === id ? { ...upload, ...fields } : upload)),
    );

  async function uploadOne(file: File) {
    const id = crypto.randomUUID();
    const contentType = contentTypeOf(file);
    setUploads((current) => [...current, { id, name: file.name, progress: 0, state: "uploading" }]);
    try {
      if (!(attachmentTypes as readonly string[]).includes(contentType)) {
        throw new Error(
          "This type of file cannot be attached: use images, PDF, text, office documents or zip.",
        );
      }
      if (file.size > noteLimits.attachmentBytes) throw new Error("Files are limited to 25 MB.");
      // A new note comes to exist with its first file.
      if (!(await ensureNoteExists(noteId))) throw new Error("The note could not be created.");
      if (!navigator.onLine) {
        const mutationId = await queueUpload(noteId, file, contentType);
        patchUpload(id, {
          state: "waiting",
          mutationId,
          message: "Offline: uploads when you are back online.",
        });
        return;
      }
      // The list learns of the new file through onAttachmentAdded, like files pasted in the text.
      await uploadAttachment(noteId, file, contentType, {
        onProgress: (fraction) => patchUpload(id, { progress: Math.round(fraction * 100) }),
        register: (xhr) => requests.current.set(id, xhr),
        onConfirming: () => patchUpload(id, { state: "confirming", progress: 100 }),
      });
      setUploads((current) => current.filter((upload) => upload.id !== id));
      setNotice(`${file.name} attached.`);
    } catch (error) {
      const cancelled = error instanceof DOMException && error.name === "AbortError";
      patchUpload(id, {
        state: cancelled ? "cancelled" : "failed",
        message: cancelled
          ? "Cancelled."
          : error instanceof Error
            ? error.message
            : "The upload failed.",
      });
    } finally {
      requests.current.delete(id);
    }
  }

  function addFiles(files: FileList | null) {
    if (!files) return;
    const room =
      noteLimits.attachments -
      attachments.length -
      uploads.filter((u) => ["uploading", "confirming", "waiting"].includes(u.state)).length;
    const chosen = [...files];
    if (chosen.length > room) {
      setNotice(
        `A note holds at most ${noteLimits.attachments} attachments; ${chosen.length - Math.max(room, 0)} file(s) were not added.`,
      );
    }
    for (const file of chosen.slice(0, Math.max(room, 0))) void uploadOne(file);
  }

  // Concurrent uploads answer in any order: add each file rather than adopt a whole list.
  useEffect(
    () =>
      onAttachmentAdded((target, added) => {
        if (target !== noteId) return;
        setAttachments((current) =>
          current.some((attachment) => attachment.attachmentId === added.attachmentId)
            ? current
            : [...current, added],
        );
      }),
    [noteId],
  );

  // Files chosen offline join the list once their replay is confirmed.
  useEffect(
    () =>
      onSync((event) => {
        if (!event.mutation?.fileId || !event.mutation.url.startsWith(base)) return;
        const mutationId = event.mutation.id;
        if (event.type === "replayed") {
          const note = event.body as Note;
          setAttachments((current) => [
            ...current,
            ...note.attachments.filter(
              (a) => !current.some((c) => c.attachmentId === a.attachmentId),
            ),
          ]);
          setUploads((current) => current.filter((upload) => upload.mutationId !== mutationId));
        } else if (event.type === "refused" || event.type === "conflict") {
          setUploads((current) =>
            current.map((upload) =>
              upload.mutationId === mutationId
                ? { ...upload, state: "failed", message: "The file could not be attached." }
                : upload,
            ),
          );
          return true;
        }
      }),
    [base],
  );

  async function remove(attachment: Attachment) {
    try {
      await postJson(`${base}/${attachment.attachmentId}`, {}, noteAnswer, "DELETE");
      setAttachments((current) =>
        current.filter((existing) => existing.attachmentId !== attachment.attachmentId),
      );
      setNotice(`${attachment.name} removed.`);
    } catch (error) {
      setNotice(error instanceof Error ? error.message : "The file could not be removed.");
    }
  }

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    addFiles(event.dataTransfer.files);
  };

  return (
    <section aria-labelledby="attachments-heading" className="space-y-3">
      <h2 id="attachments-heading" className="text-lg font-semibold">
        Attachments{" "}
        <span className="text-sm font-normal text-muted">
          ({attachments.length}/{noteLimits.attachments})
        </span>
      </h2>
      {/* The drop target adds a pointer shortcut; the file input inside it is the keyboard path. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: drag-and-drop has no keyboard equivalent; the input is one */}
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="dropzone"
        className={`rounded-xl border-2 border-dashed p-4 text-center text-sm ${dragging ? "border-accent bg-canvas" : "border-line"}`}
      >
        <label
          htmlFor="attachment-input"
          className="cursor-pointer font-medium text-accent underline underline-offset-4"
        >
          Choose files
        </label>{" "}
        or drop them here. Images, PDF, text, office documents or zip, up to 25 MB each.
        <input
          id="attachment-input"
          type="file"
          multiple
          accept={attachmentTypes.join(",")}
          className="sr-only"
          onChange={(event) => {
            addFiles(event.target.files);
            event.target.value = "";
          }}
        />
      </div>
      <p role="status" aria-live="polite" className="text-sm text-muted">
        {notice}
      </p>

      {uploads.length > 0 && (
        <ul className="space-y-2" aria-label="Uploads">
          {uploads.map((upload) => (
            <li key={upload.id} className="rounded-lg border border-line bg-surface p-3 text-sm">
              <div className="flex items-center gap-2">
                <span className="min-w-0 flex-1 truncate">{upload.name}</span>
                {upload.state === "uploading" ? (
                  <button
                    type="button"
                    onClick={() => requests.current.get(upload.id)?.abort()}
                    className="min-h-9 rounded px-2 text-muted hover:text-ink"
                  >
                    Cancel
                  </button>
                ) : (
                  upload.state !== "confirming" &&
                  upload.state !== "waiting" && (
                    <button
                      type="button"
                      onClick={() =>
                        setUploads((current) => current.filter((u) => u.id !== upload.id))
                      }
                      className="min-h-9 rounded px-2 text-muted hover:text-ink"
                    >
                      Dismiss
                    </button>
                  )
                )}
              </div>
              {(upload.state === "uploading" || upload.state === "confirming") && (
                <progress
                  max={100}
                  value={upload.progress}
                  aria-label={`Uploading ${upload.name}`}
                  className="mt-2 h-2 w-full"
                />
              )}
              {upload.message && (
                <p className={upload.state === "failed" ? "text-danger" : "text-muted"}>
                  {upload.message}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}

      {attachments.length > 0 && (
        <ul className="grid gap-2 sm:grid-cols-2">
          {attachments.map((attachment) => {
            const href = `${base}/${attachment.attachmentId}`;
            return (
              <li
                key={attachment.attachmentId}
                className="flex items-center gap-3 rounded-lg border border-line bg-surface p-2"
              >
                {inlineImageTypes.includes(attachment.contentType) ? (
                  // biome-ignore lint/performance/noImgElement: presigned thumbnails change every minute; next/image would cache them
                  <img
                    src={`${href}?inline=1`}
                    alt=""
                    loading="lazy"
                    className="size-14 rounded object-cover"
                  />
                ) : (
                  <span
                    aria-hidden="true"
                    className="grid size-14 place-items-center rounded bg-canvas text-xs uppercase text-muted"
                  >
                    {attachment.name.split(".").pop()?.slice(0, 4) ?? "file"}
                  </span>
                )}
                <div className="min-w-0 flex-1">
                  <a
                    href={href}
                    download={attachment.name}
                    className="block truncate font-medium text-accent underline underline-offset-4"
                  >
                    {attachment.name}
                  </a>
                  <span className="text-xs text-muted">{formatSize(attachment.size)}</span>
                </div>
                <button
                  type="button"
                  onClick={() => void remove(attachment)}
                  aria-label={`Remove ${attachment.name}`}
                  className="min-h-11 rounded-md px-2 text-sm text-muted hover:text-danger"
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
