/**
 * ULIDs: 26 Crockford base32 characters, time-ordered; made by clients or the server. Without
 * zod, for client code (lib/ids.ts builds the server's schema on it).
 */
export const ulidPattern = /^[0-9A-HJKMNP-TV-Z]{26}$/;
