"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDatabase } from "@/lib/db/runtime";
import { listColumn, trashTask } from "@/lib/db/tasks-repository";
import { withUser } from "@/lib/server/with-user";

// Enough for any real Done column in one click, bounded so one request stays short.
const maxCleared = 500;

/** "Clear done": every task in the Done column goes to the trash (restorable for 30 days). */
export const clearDoneAction = withUser(z.object({}), async (_input, { user }) => {
  const db = getDatabase();
  let cleared = 0;
  let cursor: string | undefined;
  do {
    const page = await listColumn(db, user.userId, "completed", { cursor, limit: 100 });
    // One at a time: each trash also updates the shared counters on the user item.
    for (const card of page.items) {
      await trashTask(db, user.userId, card.taskId);
      cleared++;
    }
    cursor = page.nextCursor;
  } while (cursor && cleared < maxCleared);
  revalidatePath("/tasks", "layout");
  return {
    ok: true,
    message: `${cleared} done task${cleared === 1 ? "" : "s"} moved to Deleted tasks.`,
  };
});
