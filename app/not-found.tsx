import { NotFoundMessage } from "@/components/app-shell/not-found-message";
import { PublicPage } from "@/components/app-shell/public-page";

export default function NotFound() {
  return (
    <PublicPage>
      <NotFoundMessage />
    </PublicPage>
  );
}
