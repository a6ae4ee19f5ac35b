"use client";

import { type ClipboardEvent, type DragEvent, useCallback, useRef, useState } from "react";
import { attachmentTypes, noteLimits } from "@/lib/notes/constants";
import { attachmentMarkdown } from "@/lib/notes/references";
import { contentTypeOf, uploadAttachment } from "@/lib/notes/upload-client";
import { ensureNoteExists } from "@/lib/offline/draft-sync";

type EditContent = (change: (content: string) => string) => void;

/**
 * Files pasted or dropped into the note's text: each is uploaded as an attachment of the note,
 * and a reference to it (`![name](attachment:<id>)`) replaces a placeholder put where the caret
 * was. Edits made meanwhile are kept: only the placeholder is replaced (or removed on failure).
 */
export function useTextUploads(noteId: string, editContent: EditContent) {
  const [notice, setNotice] = useState<string>();
  const counter = useRef(0);

  const upload = useCallback(
    (files: readonly File[], textarea: HTMLTextAreaElement) => {
      if (!navigator.onLine) {
        setNotice("You are offline: attach files when you are back online.");
        return;
      }
      const accepted: { file: File; contentType: string; placeholder: string }[] = [];
      for (const file of files) {
        const contentType = contentTypeOf(file);
        if (!(attachmentTypes as readonly string[]).includes(contentType)) {
          setNotice(
            `${file.name} cannot be attached: use images, PDF, text, office documents or zip.`,
          );
        } else if (file.size > noteLimits.attachmentBytes) {
          setNotice(`${file.name} is too large: files are limited to 25 MB.`);
        } else {
          counter.current += 1;
          const name = file.name.replace(/[\r\n[\]\\]+/g, " ");
          accepted.push({
            file,
            contentType,
            placeholder: `![Uploading ${name} (${counter.current})…](uploading:${counter.current})`,
          });
        }
      }
      if (accepted.length === 0) return;
      const { selectionStart: start, selectionEnd: end } = textarea;
      const inserted = accepted.map((each) => each.placeholder).join("\n");
      editContent((content) => `${content.slice(0, start)}${inserted}${content.slice(end)}`);
      setNotice(
        `Uploading ${accepted.length === 1 ? accepted[0]?.file.name : `${accepted.length} files`}…`,
      );
      for (const { file, contentType, placeholder } of accepted) {
        // A note not created yet comes to exist with its first file.
        ensureNoteExists(noteId)
          .then((exists) => {
            if (!exists) throw new Error("the note could not be created.");
            return uploadAttachment(noteId, file, contentType);
          })
          .then(
            (attachment) => {
              editContent((content) =>
                content.replace(placeholder, attachmentMarkdown(attachment)),
              );
              setNotice(`${file.name} attached.`);
            },
            (error: unknown) => {
              editContent((content) => content.replace(placeholder, ""));
              setNotice(
                `${file.name} was not attached: ${error instanceof Error ? error.message : "the upload failed."}`,
              );
            },
          );
      }
    },
    [noteId, editContent],
  );

  const onPaste = useCallback(
    (event: ClipboardEvent<HTMLTextAreaElement>) => {
      const files = [...event.clipboardData.files];
      if (files.length === 0) return; // Text: the browser pastes it.
      event.preventDefault();
      upload(files, event.currentTarget);
    },
    [upload],
  );

  const onDrop = useCallback(
    (event: DragEvent<HTMLTextAreaElement>) => {
      const files = [...event.dataTransfer.files];
      if (files.length === 0) return;
      event.preventDefault();
      upload(files, event.currentTarget);
    },
    [upload],
  );

  return { onPaste, onDrop, notice };
}
