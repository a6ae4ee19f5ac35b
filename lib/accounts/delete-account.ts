import "server-only";
import { deleteAllChanges } from "@/lib/db/changes/purge";
import { forgetIdempotentAnswers } from "@/lib/db/idempotency-repository";
import { deleteAllNotes, listAllNoteIds } from "@/lib/db/notes-repository";
import { deleteAllPasskeys } from "@/lib/db/passkeys-repository";
import type { Database } from "@/lib/db/runtime";
import { deleteAllTasks, listAllTaskIds } from "@/lib/db/tasks-repository";
import { deleteUser, type User } from "@/lib/db/users-repository";
import { deleteObjectsWithPrefix, userPrefixes } from "@/lib/storage/objects";
import type { Storage } from "@/lib/storage/runtime";

/**
 * Removes everything of one person: their uploads, notes, tasks and passkeys, then their account item and
 * email claim. The account goes last, so an interrupted deletion can be retried by signing in.
 */
export async function deleteAccount(
  db: Database,
  storage: Storage,
  user: Pick<User, "userId" | "email">,
): Promise<void> {
  for (const prefix of userPrefixes(user.userId)) await deleteObjectsWithPrefix(storage, prefix);
  // Stored replay answers hold notes' and tasks' content: they go with the data.
  const [noteIds, taskIds] = await Promise.all([
    listAllNoteIds(db, user.userId),
    listAllTaskIds(db, user.userId),
  ]);
  await forgetIdempotentAnswers(
    db,
    user.userId,
    [...noteIds.map((id) => `note#${id}`), ...taskIds.map((id) => `task#${id}`)],
    "delete",
  );
  await deleteAllNotes(db, user.userId);
  await deleteAllTasks(db, user.userId);
  await deleteAllChanges(db, user.userId);
  await deleteAllPasskeys(db, user.userId);
  await deleteUser(db, user);
}
