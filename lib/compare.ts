/**
 * Orders strings by UTF-16 code units, as DynamoDB orders sort keys: right for ULIDs, ISO
 * timestamps and YYYY-MM-DD dates. Not `localeCompare`: that is locale-sensitive, and its
 * first call on a page loads ICU's collation data (20–50 ms of main thread), a long task
 * on a phone while the page loads.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
