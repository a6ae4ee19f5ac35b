import { PutObjectCommand } from "@aws-sdk/client-s3";
import { QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { ulid } from "ulid";
import { beforeAll, describe, expect, it } from "vitest";
import { deleteAccount } from "@/lib/accounts/delete-account";
import { claimIdempotencyKey, completeIdempotencyKey } from "@/lib/db/idempotency-repository";
import { createNote, trashNote } from "@/lib/db/notes-repository";
import { addPasskey } from "@/lib/db/passkeys-repository";
import { tableNames } from "@/lib/db/schema";
import { createTask } from "@/lib/db/tasks-repository";
import { createUser } from "@/lib/db/users-repository";
import { listObjectKeys, userPrefixes } from "@/lib/storage/objects";
import { createTestCloud, type TestCloud } from "@/lib/testing/cloud";

/** Every item in every table that belongs to the user or names them (a test-only full read). */
async function itemsOf(cloud: TestCloud, userId: string, email: string) {
  const found: unknown[] = [];
  for (const table of tableNames) {
    const { Items = [] } = await cloud.database.client.send(
      new ScanCommand({ TableName: cloud.database.tables[table] }),
    );
    found.push(
      ...Items.filter(
        (item) => JSON.stringify(item).includes(userId) || JSON.stringify(item).includes(email),
      ),
    );
  }
  return found;
}

describe("deleteAccount", () => {
  let cloud: TestCloud;
  beforeAll(async () => {
    cloud = await createTestCloud();
  });

  it("leaves no item and no object of the user behind, and spares others", async () => {
    const storage = cloud.storage;
    const [doomed, bystander] = await Promise.all(
      ["doomed", "bystander"].map((name) =>
        createUser(cloud.database, {
          email: `${name}-${Date.now()}@example.test`,
          displayName: name,
          passwordHash: "h",
        }),
      ),
    );
    if (!doomed || !bystander) throw new Error("setup failed");
    // A kept file and a pending upload each.
    for (const user of [doomed, bystander]) {
      for (const [index, prefix] of userPrefixes(user.userId).entries()) {
        await storage.client.send(
          new PutObjectCommand({
            Bucket: storage.bucket,
            Key: `${prefix}n1/x/${["a.png", "b.pdf"][index]}`,
            Body: "x",
          }),
        );
      }
    }
    for (const user of [doomed, bystander]) {
      const { note } = await createNote(cloud.database, user.userId, {
        title: "n",
        content: "",
        pinned: false,
        tags: [],
      });
      await trashNote(cloud.database, user.userId, note.noteId);
      const live = await createNote(cloud.database, user.userId, {
        title: "live",
        content: "",
        pinned: false,
        tags: [],
      });
      await createTask(cloud.database, user.userId, { description: "t" });
      // A stored replay answer holding the note, as the gate keeps for an Idempotency-Key.
      const key = ulid();
      await claimIdempotencyKey(cloud.database, user.userId, key, "POST /api/notes");
      await completeIdempotencyKey(cloud.database, user.userId, key, {
        status: 201,
        body: JSON.stringify(live.note),
        resource: `note#${live.note.noteId}`,
      });
      await addPasskey(cloud.database, {
        userId: user.userId,
        credentialId: ulid(),
        publicKey: "a2V5",
        counter: 0,
        transports: [],
        name: "Phone",
        createdAt: new Date().toISOString(),
        deviceType: "multiDevice",
        backedUp: true,
      });
    }
    // Account, email claim, two notes, one task, a stored answer and its reference, and the
    // four changes in the feed (two creates, a trash, a task create), and a passkey.
    expect(await itemsOf(cloud, doomed.userId, doomed.email)).toHaveLength(12);

    await deleteAccount(cloud.database, storage, doomed);

    expect(await itemsOf(cloud, doomed.userId, doomed.email)).toEqual([]);
    const objectsOf = async (userId: string) =>
      (
        await Promise.all(userPrefixes(userId).map((prefix) => listObjectKeys(storage, prefix)))
      ).flat();
    expect(await objectsOf(doomed.userId)).toEqual([]);
    expect(await objectsOf(bystander.userId)).toHaveLength(2);
    const { Items } = await cloud.database.client.send(
      new QueryCommand({
        TableName: cloud.database.tables.Users,
        KeyConditionExpression: "userId = :id",
        ExpressionAttributeValues: { ":id": bystander.userId },
      }),
    );
    expect(Items).toHaveLength(1);
    expect(await itemsOf(cloud, bystander.userId, bystander.email)).toHaveLength(12);
  });
});
