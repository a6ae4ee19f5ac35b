import Link from "next/link";
import { PublicPage } from "@/components/app-shell/public-page";

export default function NotFound() {
  return (
    <PublicPage>
      <div className="space-y-4 py-12">
        <h1 className="text-2xl font-semibold">Page not found</h1>
        <p className="text-muted">There is nothing at this address, or it is not yours to see.</p>
        <Link href="/" className="inline-block text-accent underline underline-offset-4">
          Back to the start
        </Link>
      </div>
    </PublicPage>
  );
}
