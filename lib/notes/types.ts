/** Notes as the app and its clients see them (no storage details): safe to import anywhere. */

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
  readonly deletedAt?: string;
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
  readonly deletedAt?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}
