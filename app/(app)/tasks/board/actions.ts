"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withUser } from "@/lib/server/with-user";
import { clearDoneTasks } from "@/lib/tasks/service";

/** "Clear done": every task in the Done column goes to the trash (restorable for 30 days). */
export const clearDoneAction = withUser(z.object({}), async (_input, { user, db }) => {
  const cleared = await clearDoneTasks(db, user.userId);
  revalidatePath("/tasks", "layout");
  return {
    ok: true,
    message: `${cleared} done task${cleared === 1 ? "" : "s"} moved to Deleted tasks.`,
  };
});
