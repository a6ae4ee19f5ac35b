// The list pages only: a loading boundary above a note's own page would send its 200 before the
// note is looked up, and an unknown or another user's note could then not answer 404.
export { SegmentLoading as default } from "@/components/app-shell/segment-loading";
