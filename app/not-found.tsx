import { AppFrame } from "@/components/app-shell/app-frame";
import { NotFoundMessage } from "@/components/app-shell/not-found-message";
import { PublicPage } from "@/components/app-shell/public-page";
import { currentUser } from "@/lib/auth/session";

/** A signed-in person stays in the app (its navigation), a visitor gets the public frame. */
export default async function NotFound() {
  // A session that cannot be checked right now is no reason to fail the 404 itself.
  const user = await currentUser().catch(() => null);
  if (user) {
    return (
      <AppFrame user={user}>
        <NotFoundMessage backHref="/notes" backLabel="Back to your notes" />
      </AppFrame>
    );
  }
  return (
    <PublicPage>
      <NotFoundMessage />
    </PublicPage>
  );
}
