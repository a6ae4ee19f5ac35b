export { SegmentLoading as default } from "@/components/app-shell/segment-loading";
