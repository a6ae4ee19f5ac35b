/**
 * The notes repository: the only code that reads and writes notes in DynamoDB. Split by seam:
 * mapping (item <-> Note), writes (every change, through `writeRecord` in lib/db/records.ts),
 * queries (a note, pages of cards, search) and purge (account deletion).
 */
import "server-only";

export { deleteAllNotes, listAllNoteIds } from "@/lib/db/notes/purge";
export {
  getNote,
  getNoteTitles,
  type ListOptions,
  listNotes,
  searchNotes,
} from "@/lib/db/notes/queries";
export {
  changeAttachments,
  createNote,
  deleteTrashedNote,
  type NewNote,
  type NotePatch,
  notesPerAccount,
  restoreNote,
  trashNote,
  updateNote,
} from "@/lib/db/notes/writes";
