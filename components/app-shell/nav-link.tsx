"use client";

import { usePathname } from "next/navigation";
import type { ComponentProps } from "react";
import { ReplicaLink } from "@/components/app-shell/replica-link";

/** A section link that says (aria-current) and shows (style it with `aria-[current=page]:`) where you are. */
export function NavLink({ href, ...link }: ComponentProps<typeof ReplicaLink>) {
  const pathname = usePathname();
  const current = pathname === href || pathname.startsWith(`${href}/`);
  return <ReplicaLink href={href} aria-current={current ? "page" : undefined} {...link} />;
}
