import type { Metadata } from "next";
import { NewNote } from "@/components/notes/new-note";
import { requireUser } from "@/lib/auth/session";
import { sharedNoteQuerySchema } from "@/lib/notes/schemas";
import { pageQuery } from "@/lib/schemas";

export const metadata: Metadata = { title: "New note" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The "New note" button, shortcut and share target: an editor on a note that does not exist yet.
 * Nothing is created here; a share's title and text prefill the draft, which creates the note.
 */
export default async function NewNotePage({ searchParams }: Props) {
  await requireUser("/notes/new");
  const shared = sharedNoteQuerySchema.parse(pageQuery(await searchParams));
  const title = shared.title.slice(0, 200);
  const content = [shared.text, shared.url].filter(Boolean).join("\n\n");
  const prefill = Object.fromEntries(
    Object.entries({ title, content }).filter((entry) => entry[1] !== ""),
  );
  return <NewNote prefill={Object.keys(prefill).length > 0 ? prefill : undefined} />;
}
