/**
 * Which pages draw from the replica (and so stay current on every replica change without a
 * server render). Others (search results, settings) still need `router.refresh()` on a poke.
 */
const replicaPaths = [
  /^\/notes\/?$/,
  /^\/notes\/trash\/?$/,
  /^\/notes\/[0-9A-HJKMNP-TV-Z]{26}\/?$/,
  // The task list (its filters too), the board and the deleted tasks.
  /^\/tasks(?:\/board|\/trash)?\/?$/,
];

export function drawsFromReplica(pathname: string, search: string): boolean {
  const params = new URLSearchParams(search);
  // Search stays on the server for now (issue 14 moves it to the device).
  if (params.has("q") || params.has("tag")) return false;
  return replicaPaths.some((path) => path.test(pathname));
}

/** How many trashed notes the trash page shows: the most recently deleted. */
export const trashShown = 100;
