/**
 * The browser's side of an attachment upload: presign, PUT straight to S3, confirm. Shared by
 * the attachments panel and the editor (paste and drop), which both learn of every new file.
 */

import { type AnswerSchema, noteAnswer, uploadGrantAnswer } from "@/lib/api/answers";
import { callApi } from "@/lib/api/client";
import type { Attachment } from "@/lib/notes/types";

// Browsers often leave these types empty; the extension is then the best evidence.
const typesByExtension: Record<string, string> = {
  md: "text/markdown",
  markdown: "text/markdown",
  csv: "text/csv",
  txt: "text/plain",
};

export function contentTypeOf(file: File): string {
  if (file.type) return file.type;
  const extension = file.name.split(".").pop()?.toLowerCase() ?? "";
  return typesByExtension[extension] ?? "application/octet-stream";
}

/** A JSON change whose answer must match `schema`; rejects with a message fit to show. */
export async function postJson<T>(
  url: string,
  body: Record<string, unknown>,
  schema: AnswerSchema<T>,
  method: "POST" | "DELETE" = "POST",
): Promise<T> {
  const result = await callApi(url, schema, { method, body });
  if (!result.ok) throw new Error(result.serverMessage ?? `HTTP ${result.status}`);
  return result.data;
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

type AddedListener = (noteId: string, attachment: Attachment) => void;
const listeners = new Set<AddedListener>();

/** Called with each file confirmed into a note on this page, whoever uploaded it. */
export function onAttachmentAdded(listener: AddedListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Uploads one file into a note: presigned PUT, then the server confirms it joined the note.
 * Answers with the note's new attachment; rejects with a message fit to show.
 */
export async function uploadAttachment(
  noteId: string,
  file: File,
  contentType: string,
  progress: {
    readonly onProgress?: (fraction: number) => void;
    readonly register?: (xhr: XMLHttpRequest) => void;
    readonly onConfirming?: () => void;
  } = {},
): Promise<Attachment> {
  const base = `/api/notes/${noteId}/attachments`;
  const request = { name: file.name, size: file.size, contentType };
  const { attachmentId, upload } = await postJson(base, request, uploadGrantAnswer);
  await putToStorage(
    upload.url,
    upload.headers,
    file,
    progress.onProgress ?? (() => undefined),
    progress.register ?? (() => undefined),
  );
  progress.onConfirming?.();
  const note = await postJson(`${base}/${attachmentId}`, request, noteAnswer);
  const added = note.attachments.find((attachment) => attachment.attachmentId === attachmentId);
  if (!added) throw new Error("The file could not be attached.");
  for (const listener of listeners) listener(noteId, added);
  return added;
}
