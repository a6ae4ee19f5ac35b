/**
 * The app's public address (links in mails) and the origins passkeys and browser uploads are
 * bound to: setting one is enough. The address defaults to the first origin; on AWS the origins
 * default to the address's. Locally, with no list, passkeys work on any localhost port
 * (lib/passkeys/relying-party.ts). Read by lib/env.ts and by sst.config.ts (the bucket's CORS),
 * so both take the same defaults.
 */
export function siteAddresses(
  raw: { readonly appUrl?: string; readonly origins?: readonly string[] },
  cloud: "local" | "aws",
): { appUrl: string | undefined; origins: string[] | undefined } {
  const listed = raw.origins?.map((origin) => new URL(origin).origin);
  const appUrl = raw.appUrl?.replace(/\/+$/, "") ?? listed?.[0];
  const origins =
    listed ?? (cloud === "aws" && appUrl !== undefined ? [new URL(appUrl).origin] : undefined);
  return { appUrl, origins };
}
