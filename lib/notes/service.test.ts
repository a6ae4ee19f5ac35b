import { GetObjectTaggingCommand } from "@aws-sdk/client-s3";
import { marshall } from "@aws-sdk/util-dynamodb";
import { ulid } from "ulid";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createNote, getNote, trashNote } from "@/lib/db/notes-repository";
import { bucketDefinition } from "@/lib/db/schema";
import { createTask, trashTask } from "@/lib/db/tasks-repository";
import { createUser, getUser } from "@/lib/db/users-repository";
import { removeExpiredNotes, removeExpiredTasks } from "@/lib/notes/expired-notes";
import { inlineImageTypes, uploadLimits } from "@/lib/notes/schemas";
import {
  attachmentDownloadUrl,
  confirmUpload,
  createNoteWithLimits,
  deleteNoteForever,
  emptyTrash,
  emptyTrashBatch,
  findNotes,
  removeAttachment,
  requestUpload,
  updateNoteWithLimits,
} from "@/lib/notes/service";
import { rateLimits } from "@/lib/server/rate-limits";
import { noteObjectPrefix } from "@/lib/storage/attachments";
import { listObjectKeys } from "@/lib/storage/objects";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

let cloud: TestCloud;

async function trashCounts(userId: string) {
  const counts = (await getUser(cloud.database, userId))?.counts;
  return { notes: counts?.trashedNotes, tasks: counts?.trashedTasks };
}
beforeAll(async () => {
  cloud = await createTestCloud();
  // Rate limits read their scale from the environment.
  for (const [key, value] of Object.entries(cloud.env)) vi.stubEnv(key, value);
});

async function userWithNote() {
  const user = await createUser(cloud.database, {
    email: `att-${ulid()}@example.test`,
    displayName: "",
    passwordHash: "h",
  });
  const { note } = await createNote(cloud.database, user.userId, {
    title: "with files",
    content: "",
    pinned: false,
    tags: [],
  });
  return { userId: user.userId, noteId: note.noteId };
}

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(1020, 7)]);

async function upload(
  userId: string,
  noteId: string,
  body: Buffer,
  contentType = "image/png",
  name = "photo of me.png",
) {
  const { attachmentId, upload: target } = await requestUpload(
    cloud.database,
    cloud.storage,
    userId,
    noteId,
    {
      name,
      size: body.length,
      contentType,
    },
  );
  const response = await fetch(target.url, {
    method: "PUT",
    headers: target.headers,
    body: new Uint8Array(body),
  });
  return {
    attachmentId,
    status: response.status,
    request: { name, size: body.length, contentType },
  };
}

describe("attachments through presigned URLs on the local S3 server", () => {
  it("uploads, confirms, downloads the same bytes and removes the object", async () => {
    const { userId, noteId } = await userWithNote();
    const sent = await upload(userId, noteId, png);
    expect(sent.status).toBe(200);
    const note = await confirmUpload(cloud.database, cloud.storage, userId, noteId, {
      ...sent.request,
      attachmentId: sent.attachmentId,
    });
    const attachment = note.attachments[0];
    expect(attachment).toMatchObject({
      name: "photo of me.png",
      size: png.length,
      contentType: "image/png",
    });
    expect(attachment?.key).toBe(
      `${noteObjectPrefix(userId, noteId)}${sent.attachmentId}/photo_of_me.png`,
    );
    const tags = await cloud.storage.client.send(
      new GetObjectTaggingCommand({ Bucket: cloud.storage.bucket, Key: attachment?.key }),
    );
    expect(tags.TagSet).toEqual([]);

    const url = await attachmentDownloadUrl(
      cloud.database,
      cloud.storage,
      userId,
      noteId,
      sent.attachmentId,
      false,
      inlineImageTypes,
    );
    const download = await fetch(url);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toBe(
      'attachment; filename="photo of me.png"',
    );
    expect(Buffer.from(await download.arrayBuffer()).equals(png)).toBe(true);
    const thumbnail = await fetch(
      await attachmentDownloadUrl(
        cloud.database,
        cloud.storage,
        userId,
        noteId,
        sent.attachmentId,
        true,
        inlineImageTypes,
      ),
    );
    expect(thumbnail.headers.get("content-disposition")).toMatch(/^inline;/);
    expect(thumbnail.headers.get("content-type")).toBe("image/png");

    await removeAttachment(cloud.database, cloud.storage, userId, noteId, sent.attachmentId);
    expect(await listObjectKeys(cloud.storage, noteObjectPrefix(userId, noteId))).toEqual([]);
    expect((await getNote(cloud.database, userId, noteId))?.attachments).toEqual([]);
  });

  it("a confirmed file is immutable: its upload URL can no longer change or re-tag it", async () => {
    const { userId, noteId } = await userWithNote();
    const { attachmentId, upload: target } = await requestUpload(
      cloud.database,
      cloud.storage,
      userId,
      noteId,
      { name: "plan.txt", size: 5, contentType: "text/plain" },
    );
    const put = (body: string) =>
      fetch(target.url, { method: "PUT", headers: target.headers, body });
    expect((await put("first")).status).toBe(200);
    const note = await confirmUpload(cloud.database, cloud.storage, userId, noteId, {
      name: "plan.txt",
      size: 5,
      contentType: "text/plain",
      attachmentId,
    });
    const key = note.attachments[0]?.key ?? "";

    // The URL is still within its 15 minutes: whatever it writes, the kept file stays.
    await put("EVIL!");
    const download = await fetch(
      await attachmentDownloadUrl(
        cloud.database,
        cloud.storage,
        userId,
        noteId,
        attachmentId,
        false,
        inlineImageTypes,
      ),
    );
    expect(await download.text()).toBe("first");
    const tags = await cloud.storage.client.send(
      new GetObjectTaggingCommand({ Bucket: cloud.storage.bucket, Key: key }),
    );
    expect(tags.TagSet).toEqual([]);
    // The kept file lies outside the prefix the abandoned-upload lifecycle rule expires.
    expect(key.startsWith(bucketDefinition.keyPrefix)).toBe(true);
    expect(key.startsWith(bucketDefinition.uploadPrefix)).toBe(false);
    expect(new URL(target.url).pathname).toContain(`/${bucketDefinition.uploadPrefix}`);
  });

  it("caps a person's outstanding uploads; confirming one frees its place", async () => {
    const { userId, noteId } = await userWithNote();
    const request = { name: "a.png", size: png.length, contentType: "image/png" };
    const requested = await Promise.all(
      Array.from({ length: uploadLimits.outstanding }, () =>
        requestUpload(cloud.database, cloud.storage, userId, noteId, request),
      ),
    );
    await expect(
      requestUpload(cloud.database, cloud.storage, userId, noteId, request),
    ).rejects.toMatchObject({ status: 429 });

    const first = requested[0];
    if (!first) throw new Error("no upload");
    await fetch(first.upload.url, {
      method: "PUT",
      headers: first.upload.headers,
      body: new Uint8Array(png),
    });
    await confirmUpload(cloud.database, cloud.storage, userId, noteId, {
      ...request,
      attachmentId: first.attachmentId,
    });
    await expect(
      requestUpload(cloud.database, cloud.storage, userId, noteId, request),
    ).resolves.toMatchObject({ attachmentId: expect.any(String) });
    // Someone else's allowance is their own.
    const other = await userWithNote();
    await expect(
      requestUpload(cloud.database, cloud.storage, other.userId, other.noteId, request),
    ).resolves.toMatchObject({ attachmentId: expect.any(String) });
  });

  it("lets S3 itself refuse a larger file, another type and a tampered signature", async () => {
    const { userId, noteId } = await userWithNote();
    const { upload: target } = await requestUpload(cloud.database, cloud.storage, userId, noteId, {
      name: "a.png",
      size: png.length,
      contentType: "image/png",
    });
    const bigger = await fetch(target.url, {
      method: "PUT",
      headers: target.headers,
      body: new Uint8Array(Buffer.concat([png, png])),
    });
    expect(bigger.status).toBe(403);
    const otherType = await fetch(target.url, {
      method: "PUT",
      headers: { ...target.headers, "content-type": "text/html" },
      body: new Uint8Array(png),
    });
    expect(otherType.status).toBe(403);
    const tampered = target.url.replace(
      /X-Amz-Signature=([0-9a-f])/,
      (_, c) => `X-Amz-Signature=${c === "0" ? "1" : "0"}`,
    );
    expect(
      (await fetch(tampered, { method: "PUT", headers: target.headers, body: new Uint8Array(png) }))
        .status,
    ).toBe(403);
    expect(await listObjectKeys(cloud.storage, noteObjectPrefix(userId, noteId))).toEqual([]);
  });

  it("refuses to confirm an upload that never arrived, or arrived with another size", async () => {
    const { userId, noteId } = await userWithNote();
    const attachmentId = ulid();
    await expect(
      confirmUpload(cloud.database, cloud.storage, userId, noteId, {
        attachmentId,
        name: "x.png",
        size: 10,
        contentType: "image/png",
      }),
    ).rejects.toMatchObject({ status: 400 });
    const sent = await upload(userId, noteId, png);
    await expect(
      confirmUpload(cloud.database, cloud.storage, userId, noteId, {
        ...sent.request,
        size: png.length + 1,
        attachmentId: sent.attachmentId,
      }),
    ).rejects.toMatchObject({ status: 400 });
    expect((await getNote(cloud.database, userId, noteId))?.attachments).toEqual([]);
  });

  it("keeps another user's note out of reach: presign, confirm, download, remove", async () => {
    const alice = await userWithNote();
    const bob = await userWithNote();
    const sent = await upload(alice.userId, alice.noteId, png);
    await confirmUpload(cloud.database, cloud.storage, alice.userId, alice.noteId, {
      ...sent.request,
      attachmentId: sent.attachmentId,
    });
    const request = { name: "a.png", size: 10, contentType: "image/png" };
    await expect(
      requestUpload(cloud.database, cloud.storage, bob.userId, alice.noteId, request),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      confirmUpload(cloud.database, cloud.storage, bob.userId, alice.noteId, {
        ...sent.request,
        attachmentId: sent.attachmentId,
      }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      attachmentDownloadUrl(
        cloud.database,
        cloud.storage,
        bob.userId,
        alice.noteId,
        sent.attachmentId,
        false,
        inlineImageTypes,
      ),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      removeAttachment(cloud.database, cloud.storage, bob.userId, alice.noteId, sent.attachmentId),
    ).rejects.toMatchObject({ status: 404 });
    expect(
      await listObjectKeys(cloud.storage, noteObjectPrefix(alice.userId, alice.noteId)),
    ).toHaveLength(1);
  });

  it("never serves SVG inline from the bucket", async () => {
    const { userId, noteId } = await userWithNote();
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    const sent = await upload(userId, noteId, svg, "image/svg+xml", "logo.svg");
    await confirmUpload(cloud.database, cloud.storage, userId, noteId, {
      ...sent.request,
      attachmentId: sent.attachmentId,
    });
    const response = await fetch(
      await attachmentDownloadUrl(
        cloud.database,
        cloud.storage,
        userId,
        noteId,
        sent.attachmentId,
        true,
        inlineImageTypes,
      ),
    );
    expect(response.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
  });

  it("replacing an attachment deletes the old object", async () => {
    const { userId, noteId } = await userWithNote();
    const first = await upload(userId, noteId, png, "image/png", "v1.png");
    await confirmUpload(cloud.database, cloud.storage, userId, noteId, {
      ...first.request,
      attachmentId: first.attachmentId,
    });
    const second = await upload(userId, noteId, png, "image/png", "v2.png");
    const note = await confirmUpload(cloud.database, cloud.storage, userId, noteId, {
      ...second.request,
      attachmentId: second.attachmentId,
      replaces: first.attachmentId,
    });
    expect(note.attachments.map((attachment) => attachment.name)).toEqual(["v2.png"]);
    const keys = await listObjectKeys(cloud.storage, noteObjectPrefix(userId, noteId));
    expect(keys).toEqual([note.attachments[0]?.key]);
  });

  it("holds at most 10 attachments", async () => {
    const { userId, noteId } = await userWithNote();
    for (let index = 0; index < 10; index++) {
      const sent = await upload(userId, noteId, png, "image/png", `f${index}.png`);
      await confirmUpload(cloud.database, cloud.storage, userId, noteId, {
        ...sent.request,
        attachmentId: sent.attachmentId,
      });
    }
    await expect(
      requestUpload(cloud.database, cloud.storage, userId, noteId, {
        name: "11.png",
        size: 10,
        contentType: "image/png",
      }),
    ).rejects.toMatchObject({ status: 413 });
  });

  it("deleting a trashed note for good removes its objects; a live one is refused", async () => {
    const { userId, noteId } = await userWithNote();
    const sent = await upload(userId, noteId, png);
    await confirmUpload(cloud.database, cloud.storage, userId, noteId, {
      ...sent.request,
      attachmentId: sent.attachmentId,
    });
    await expect(
      deleteNoteForever(cloud.database, cloud.storage, userId, noteId),
    ).rejects.toMatchObject({ status: 409 });
    await trashNote(cloud.database, userId, noteId);
    await deleteNoteForever(cloud.database, cloud.storage, userId, noteId);
    expect(await listObjectKeys(cloud.storage, noteObjectPrefix(userId, noteId))).toEqual([]);
    expect(await getNote(cloud.database, userId, noteId, { includeTrashed: true })).toBeUndefined();
  });

  it("the TTL stream handlers remove an expired note's objects and keep the trash counters right", async () => {
    const { userId, noteId } = await userWithNote();
    const sent = await upload(userId, noteId, png);
    await confirmUpload(cloud.database, cloud.storage, userId, noteId, {
      ...sent.request,
      attachmentId: sent.attachmentId,
    });
    await trashNote(cloud.database, userId, noteId);
    const { task } = await createTask(cloud.database, userId, { description: "old" });
    await trashTask(cloud.database, userId, task.taskId);
    expect(await trashCounts(userId)).toEqual({ notes: 1, tasks: 1 });

    const noteImage = marshall({ userId, noteId, title: "gone" });
    const userDelete = { eventName: "REMOVE", dynamodb: { OldImage: noteImage } };
    expect(await removeExpiredNotes(cloud.database, cloud.storage, [userDelete])).toBe(0);
    const ttl = {
      eventName: "REMOVE",
      userIdentity: { type: "Service", principalId: "dynamodb.amazonaws.com" },
    };
    expect(
      await removeExpiredNotes(cloud.database, cloud.storage, [
        { ...ttl, dynamodb: { OldImage: noteImage } },
      ]),
    ).toBe(1);
    await removeExpiredTasks(cloud.database, [
      { ...ttl, dynamodb: { Keys: marshall({ userId, taskId: task.taskId }) } },
    ]);
    expect(await listObjectKeys(cloud.storage, noteObjectPrefix(userId, noteId))).toEqual([]);
    expect(await trashCounts(userId)).toEqual({ notes: 0, tasks: 0 });
    // A repeated delivery cannot push a counter below zero.
    await removeExpiredTasks(cloud.database, [
      { ...ttl, dynamodb: { Keys: marshall({ userId, taskId: task.taskId }) } },
    ]);
    expect(await trashCounts(userId)).toEqual({ notes: 0, tasks: 0 });
  });
});

describe("note limits", () => {
  it("refuses content over 100 KB with 413 and keeps the note as it was", async () => {
    const { userId, noteId } = await userWithNote();
    await expect(
      createNoteWithLimits(cloud.database, userId, {
        title: "",
        content: "é".repeat(60_000),
        pinned: false,
        tags: [],
      }),
    ).rejects.toMatchObject({ status: 413, fieldErrors: { content: [expect.any(String)] } });
    await expect(
      updateNoteWithLimits(cloud.database, userId, noteId, { content: "x".repeat(102_401) }, 1),
    ).rejects.toMatchObject({ status: 413 });
    expect((await getNote(cloud.database, userId, noteId))?.version).toBe(1);
  });
});

describe("the remote images choice", () => {
  it("is off for a new note and changes, like any field, at the current version only", async () => {
    const { userId, noteId } = await userWithNote();
    expect((await getNote(cloud.database, userId, noteId))?.remoteImages).toBe(false);
    const shown = await updateNoteWithLimits(
      cloud.database,
      userId,
      noteId,
      { remoteImages: true },
      1,
    );
    expect(shown).toMatchObject({ remoteImages: true, version: 2 });
    await expect(
      updateNoteWithLimits(cloud.database, userId, noteId, { remoteImages: false }, 1),
    ).rejects.toMatchObject({ status: 409 });
    // Other edits keep it.
    await updateNoteWithLimits(cloud.database, userId, noteId, { title: "renamed" }, 2);
    expect((await getNote(cloud.database, userId, noteId))?.remoteImages).toBe(true);
  });
});

describe("bounded work", () => {
  async function newUserId() {
    const user = await createUser(cloud.database, {
      email: `bounded-${ulid()}@example.test`,
      displayName: "",
      passwordHash: "h",
    });
    return user.userId;
  }

  it("empties a large trash in bounded batches, telling what is left", async () => {
    const userId = await newUserId();
    const total = emptyTrashBatch * 2 + 7;
    for (let index = 0; index < total; index++) {
      const { note } = await createNote(cloud.database, userId, {
        title: `t${index}`,
        content: "",
        pinned: false,
        tags: [],
      });
      await trashNote(cloud.database, userId, note.noteId);
    }
    const first = await emptyTrash(cloud.database, cloud.storage, userId);
    expect(first).toEqual({
      deleted: emptyTrashBatch,
      more: true,
      remaining: total - emptyTrashBatch,
    });
    let deleted = first.deleted;
    for (let batch = first; batch.more; ) {
      batch = await emptyTrash(cloud.database, cloud.storage, userId);
      expect(batch.deleted).toBeLessThanOrEqual(emptyTrashBatch);
      deleted += batch.deleted;
    }
    expect(deleted).toBe(total);
    expect(await trashCounts(userId)).toMatchObject({ notes: 0 });
  }, 120_000);

  it("limits searches per person with a 429 and a human message; listing is not limited", async () => {
    const userId = await newUserId();
    for (let index = 0; index < rateLimits.searches.limit; index++) {
      await findNotes(cloud.database, userId, { q: "anything" });
    }
    await expect(findNotes(cloud.database, userId, { q: "anything" })).rejects.toMatchObject({
      status: 429,
      retryAfterSeconds: expect.any(Number),
      message: expect.stringMatching(/searching very fast; try again in \d+ second/),
    });
    await expect(findNotes(cloud.database, userId, {})).resolves.toMatchObject({ items: [] });
  });
});
