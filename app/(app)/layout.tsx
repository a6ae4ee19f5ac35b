import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppFrame } from "@/components/app-shell/app-frame";
import { currentUser } from "@/lib/auth/session";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/signin");
  return <AppFrame user={user}>{children}</AppFrame>;
}
