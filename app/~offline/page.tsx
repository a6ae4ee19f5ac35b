import type { Metadata } from "next";
import { OfflineLibrary } from "@/components/pwa/offline-library";

export const metadata: Metadata = { title: "Offline" };

/** Served by the service worker for pages never visited while online. */
export default function OfflinePage() {
  return (
    <main id="main" className="mx-auto w-full max-w-3xl space-y-6 px-4 py-10">
      <h1 className="text-2xl font-semibold">You are offline</h1>
      <p className="text-muted">
        This page has not been opened on this device yet. What you have seen is still here:
      </p>
      <OfflineLibrary />
    </main>
  );
}
