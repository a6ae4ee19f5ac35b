import "server-only";
import { getNoteTitles } from "@/lib/db/notes-repository";
import type { Database } from "@/lib/db/runtime";
import { getUser } from "@/lib/db/users-repository";
import { AppError } from "@/lib/errors";
import type { TaskCard } from "@/lib/tasks/types";
import type { TaskCounts } from "@/lib/tasks/view";

/** The per-user counters kept on the user item: no counting queries. */
export async function taskCountsOf(db: Database, userId: string): Promise<TaskCounts> {
  const user = await getUser(db, userId);
  if (!user) throw new AppError("not_found", "This account no longer exists.");
  return user.counts.tasks;
}

/** The titles of the notes these tasks link to, for showing them beside each task. */
export function linkedNoteTitles(
  db: Database,
  userId: string,
  cards: readonly TaskCard[],
): Promise<Record<string, string>> {
  const ids = cards.flatMap((card) => (card.noteId ? [card.noteId] : []));
  return getNoteTitles(db, userId, ids);
}
