/** How long the trash keeps a note or a task before it is deleted for good. */
export const trashPeriodDays = 30;

/** When something trashed at `trashedAt` leaves the trash for good. */
export function trashExpiry(trashedAt: Date): Date {
  return new Date(trashedAt.getTime() + trashPeriodDays * 86_400_000);
}
