/**
 * Notes as the app and its clients see them (no storage details): safe to import anywhere.
 * An absent value is `null`, never a missing field, so JSON and types say the same.
 */

export interface Attachment {
  readonly attachmentId: string;
  readonly name: string;
  readonly size: number;
  readonly contentType: string;
  readonly key: string;
}

export interface Note {
  readonly noteId: string;
  readonly title: string;
  readonly content: string;
  readonly pinned: boolean;
  readonly tags: readonly string[];
  readonly attachments: readonly Attachment[];
  /** The owner chose to load this note's images from other sites (they see who reads it). */
  readonly remoteImages: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
  /** When it went to the trash; `null` while live. */
  readonly deletedAt: string | null;
}

/** What a list shows of a note: read from the ByList index, never the body. */
export interface NoteCard {
  readonly noteId: string;
  readonly title: string;
  readonly excerpt: string;
  readonly pinned: boolean;
  readonly tags: readonly string[];
  readonly attachmentCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
  /** When it went to the trash; `null` while live. */
  readonly deletedAt: string | null;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}
