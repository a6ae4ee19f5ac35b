import { expect, it } from "vitest";
import { LibraryIndex } from "@/lib/search/library-index";
import { relevanceLibrary, relevanceQueries, relevanceShare } from "@/lib/search/relevance-set";

it("puts the expected record first for nine in ten labelled queries at least", async () => {
  const { docs, idOf } = relevanceLibrary();
  const index = new LibraryIndex();
  await index.addAll(docs);
  const { share, missed } = relevanceShare(index, idOf);
  console.info(
    `relevance: ${Math.round(share * relevanceQueries.length)}/${relevanceQueries.length} first (${(share * 100).toFixed(0)}%); missed: ${missed.join(", ") || "none"}`,
  );
  // The goal: at least nine in ten first (the share is printed above and in the bench).
  expect(share).toBeGreaterThanOrEqual(0.9);
});
