import type { ReactNode } from "react";
import { PublicPage } from "@/components/app-shell/public-page";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return <PublicPage narrow>{children}</PublicPage>;
}
