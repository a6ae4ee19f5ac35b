import { ReplicaLink } from "@/components/app-shell/replica-link";
import { WarmOfflinePage } from "@/components/pwa/warm-offline-page";

/**
 * Opens the editor on a note that does not exist yet: nothing is created until it has a title,
 * text or a file. The page is kept for offline use, so this works without a connection too.
 */
export function NewNoteButton() {
  return (
    <>
      <ReplicaLink
        href="/notes/new"
        className="flex min-h-11 items-center rounded-md bg-accent px-3 py-2 text-sm font-semibold text-accent-ink"
      >
        New note
      </ReplicaLink>
      <WarmOfflinePage url="/notes/new" />
    </>
  );
}
