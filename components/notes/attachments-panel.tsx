"use client";

import { type DragEvent, useEffect, useRef, useState } from "react";
import { attachmentTypes, inlineImageTypes, noteLimits } from "@/lib/notes/schemas";
import type { Attachment, Note } from "@/lib/notes/types";
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

// Browsers often leave these types empty; the extension is then the best evidence.
const typesByExtension: Record<string, string> = {
  md: "text/markdown",
  markdown: "text/markdown",
  csv: "text/csv",
  txt: "text/plain",
};

function contentTypeOf(file: File): string {
  if (file.type) return file.type;
  const extension = file.name.split(".").pop()?.toLowerCase() ?? "";
  return typesByExtension[extension] ?? "application/octet-stream";
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function postJson(url: string, body: unknown, method = "POST") {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(json.error?.message ?? `HTTP ${response.status}`);
  return json;
}

/** PUTs straight to S3 with the presigned URL, reporting progress; the app server never sees the bytes. */
function putToStorage(
  url: string,
  headers: Record<string, string>,
  file: File,
  onProgress: (fraction: number) => void,
  register: (xhr: XMLHttpRequest) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    register(xhr);
    xhr.open("PUT", url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300
        ? resolve()
        : reject(new Error(`Storage refused the file (HTTP ${xhr.status}).`));
    xhr.onerror = () => reject(new Error("The upload failed: check your connection."));
    xhr.onabort = () => reject(new DOMException("Cancelled", "AbortError"));
    xhr.send(file);
  });
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
      if (!navigator.onLine) {
        const mutationId = await queueUpload(noteId, file, contentType);
        patchUpload(id, {
          state: "waiting",
          mutationId,
          message: "Offline: uploads when you are back online.",
        });
        return;
      }
      const request = { name: file.name, size: file.size, contentType };
      const { attachmentId, upload } = await postJson(base, request);
      await putToStorage(
        upload.url,
        upload.headers,
        file,
        (fraction) => patchUpload(id, { progress: Math.round(fraction * 100) }),
        (xhr) => requests.current.set(id, xhr),
      );
      patchUpload(id, { state: "confirming", progress: 100 });
      const note = (await postJson(`${base}/${attachmentId}`, request)) as Note;
      // Concurrent uploads answer in any order: add this file rather than adopt a whole list.
      const added = note.attachments.find((attachment) => attachment.attachmentId === attachmentId);
      if (added) {
        setAttachments((current) =>
          current.some((attachment) => attachment.attachmentId === attachmentId)
            ? current
            : [...current, added],
        );
      }
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
        }
      }),
    [base],
  );

  async function remove(attachment: Attachment) {
    try {
      await postJson(`${base}/${attachment.attachmentId}`, {}, "DELETE");
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
