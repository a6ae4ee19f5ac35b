import type { Metadata } from "next";
import { CreateNote } from "@/components/notes/create-note";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "New note" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The "New note" shortcut and the share target: opens a new note filled with what was shared. */
export default async function NewNotePage({ searchParams }: Props) {
  await requireUser("/notes/new");
  const params = await searchParams;
  const text = (name: string) => (typeof params[name] === "string" ? (params[name] as string) : "");
  const content = [text("text"), text("url")].filter(Boolean).join("\n\n");
  return <CreateNote title={text("title").slice(0, 200)} content={content} />;
}
