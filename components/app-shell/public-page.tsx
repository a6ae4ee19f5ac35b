import type { ReactNode } from "react";
import { PublicHeader } from "@/components/app-shell/public-header";

/** The frame of pages anyone may see. */
export function PublicPage({
  children,
  narrow = false,
}: {
  children: ReactNode;
  narrow?: boolean;
}) {
  return (
    <div className="flex min-h-dvh flex-col">
      <PublicHeader />
      <main
        id="main"
        className={`mx-auto w-full flex-1 px-4 sm:px-6 ${narrow ? "max-w-md py-10" : "max-w-5xl py-6"}`}
      >
        {children}
      </main>
    </div>
  );
}
