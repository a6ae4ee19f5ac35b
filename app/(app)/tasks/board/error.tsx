"use client";

export { SegmentError as default } from "@/components/app-shell/segment-error";
