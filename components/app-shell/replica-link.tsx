"use client";

import Link from "next/link";
import type { ComponentProps } from "react";
import { useReplicaPrefetch } from "@/lib/replica/use-replica-links";

/** A link that prefetches a page drawn from the device's replica whole (see useReplicaPrefetch). */
export function ReplicaLink({ href, ...link }: ComponentProps<typeof Link> & { href: string }) {
  return <Link href={href} prefetch={useReplicaPrefetch(href)} {...link} />;
}
