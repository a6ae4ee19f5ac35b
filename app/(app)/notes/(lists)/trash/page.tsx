import type { Metadata } from "next";
import { TrashList } from "@/components/notes/trash-list";
import { findNotes } from "@/lib/notes/service";
import { trashShown } from "@/lib/replica/views";
import { hasReplica, requirePageContext } from "@/lib/server/page-context";

export const metadata: Metadata = { title: "Trash" };

export default async function TrashPage() {
  const { user, db } = await requirePageContext("/notes/trash");
  // This browser holds the whole library (issue 13 §2): the trash draws from it, no DB reads.
  const page = (await hasReplica(user))
    ? undefined
    : await findNotes(db, user.userId, { trash: true, limit: trashShown });
  return <TrashList initial={page} rendered={Date.now()} />;
}
