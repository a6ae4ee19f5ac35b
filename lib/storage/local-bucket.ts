import { bucketDefinition } from "@/lib/db/schema";

/** The bucket's CORS rules as S3 XML, for the local S3 server's `configureBuckets`. */
export function localCorsXml(allowedOrigins: readonly string[]): string {
  const { cors } = bucketDefinition;
  const rule = [
    ...allowedOrigins.map((origin) => `<AllowedOrigin>${origin}</AllowedOrigin>`),
    ...cors.allowMethods.map((method) => `<AllowedMethod>${method}</AllowedMethod>`),
    ...cors.allowHeaders.map((header) => `<AllowedHeader>${header}</AllowedHeader>`),
    ...cors.exposeHeaders.map((header) => `<ExposeHeader>${header}</ExposeHeader>`),
    `<MaxAgeSeconds>${cors.maxAgeSeconds}</MaxAgeSeconds>`,
  ].join("");
  return `<CORSConfiguration><CORSRule>${rule}</CORSRule></CORSConfiguration>`;
}
