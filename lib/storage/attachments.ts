import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NotFound,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { bucketDefinition } from "@/lib/db/schema";
import type { Storage } from "@/lib/storage/runtime";

export const uploadUrlSeconds = 15 * 60;
const downloadUrlSeconds = 60;

/** A file name safe in a key and a header: letters, digits, dot, dash, underscore. */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize("NFKD")
    .replace(/[^\w.-]+/g, "_")
    .replace(/_+/g, "_")
    .replace(/^[._]+/, "")
    .slice(-100);
  return cleaned || "file";
}

/**
 * The name a download is saved under: printable ASCII without quotes and the characters
 * (`!'()*`) that the local S3 server mis-encodes when it checks a presigned URL's signature.
 */
export function downloadFileName(name: string): string {
  const ascii = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]|["\\!'()*]/g, "_")
    .trim();
  return ascii || "download";
}

export function noteObjectPrefix(userId: string, noteId: string): string {
  return `${bucketDefinition.keyPrefix}${userId}/${noteId}/`;
}

/** Where a confirmed file is kept: no presigned URL ever points here. */
export function attachmentKey(userId: string, noteId: string, attachmentId: string, name: string) {
  return `${noteObjectPrefix(userId, noteId)}${attachmentId}/${safeFileName(name)}`;
}

/** Where the browser's presigned PUT lands; the lifecycle rule expires what stays here. */
export function uploadKey(userId: string, noteId: string, attachmentId: string, name: string) {
  return `${bucketDefinition.uploadPrefix}${userId}/${noteId}/${attachmentId}/${safeFileName(name)}`;
}

export interface PresignedUpload {
  readonly url: string;
  /** Headers the browser must send exactly: the signature binds them. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * A PUT URL whose signature binds the object's length and type, so S3 itself refuses a larger
 * file or another type.
 */
export async function presignUpload(
  storage: Storage,
  upload: { key: string; size: number; contentType: string },
): Promise<PresignedUpload> {
  const url = await getSignedUrl(
    storage.client,
    new PutObjectCommand({
      Bucket: storage.bucket,
      Key: upload.key,
      ContentType: upload.contentType,
      ContentLength: upload.size,
    }),
    { expiresIn: uploadUrlSeconds, signableHeaders: new Set(["content-type", "content-length"]) },
  );
  return { url, headers: { "content-type": upload.contentType } };
}

/** The object's ETag when it exists with exactly the announced size and type. */
export async function uploadedObject(
  storage: Storage,
  upload: { key: string; size: number; contentType: string },
): Promise<string | undefined> {
  try {
    const head = await storage.client.send(
      new HeadObjectCommand({ Bucket: storage.bucket, Key: upload.key }),
    );
    const matches = head.ContentLength === upload.size && head.ContentType === upload.contentType;
    return matches ? (head.ETag ?? "") : undefined;
  } catch (error) {
    if (error instanceof NotFound || (error as { name?: string }).name === "NotFound") {
      return undefined;
    }
    throw error;
  }
}

/** Copies the checked upload (the ETag pins that very version) to where it is kept. */
export async function keepUpload(
  storage: Storage,
  copy: { from: string; to: string; etag: string },
): Promise<void> {
  await storage.client.send(
    new CopyObjectCommand({
      Bucket: storage.bucket,
      Key: copy.to,
      CopySource: encodeURI(`${storage.bucket}/${copy.from}`),
      ...(copy.etag && { CopySourceIfMatch: copy.etag }),
      MetadataDirective: "COPY",
    }),
  );
}

/**
 * A short-lived GET URL. Always a download (Content-Disposition: attachment) unless an inline
 * raster thumbnail is asked for; SVG, HTML and anything else never render from the bucket.
 */
export async function presignDownload(
  storage: Storage,
  file: { key: string; name: string; contentType: string },
  inline: boolean,
): Promise<string> {
  const disposition = `${inline ? "inline" : "attachment"}; filename="${downloadFileName(file.name)}"`;
  return getSignedUrl(
    storage.client,
    new GetObjectCommand({
      Bucket: storage.bucket,
      Key: file.key,
      ResponseContentDisposition: disposition,
      ResponseContentType: inline ? file.contentType : "application/octet-stream",
    }),
    { expiresIn: downloadUrlSeconds },
  );
}

export async function deleteObject(storage: Storage, key: string): Promise<void> {
  await storage.client.send(new DeleteObjectCommand({ Bucket: storage.bucket, Key: key }));
}
