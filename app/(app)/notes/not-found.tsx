import { NotFoundMessage } from "@/components/app-shell/not-found-message";

export default function NoteNotFound() {
  return <NotFoundMessage backHref="/notes" backLabel="Back to your notes" />;
}
