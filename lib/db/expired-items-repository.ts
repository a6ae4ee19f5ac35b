import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { isConditionFailure } from "@/lib/db/conditions";
import type { Database } from "@/lib/db/runtime";
import type { UserCounter } from "@/lib/db/user-counters";

/**
 * When TTL deletes an expired trashed note or task, nothing in the app saw it go: the stream
 * subscriber calls this so the trash counter on the user item stays equal to the items.
 * (No "server-only" here: the stream handler, a Lambda outside Next, runs it.)
 */
export async function forgetExpiredTrash(
  db: Database,
  userId: string,
  counter: Extract<UserCounter, "trashedNoteCount" | "trashedTaskCount">,
): Promise<void> {
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tables.Users,
        Key: { userId },
        UpdateExpression: "ADD #counter :minusOne",
        ConditionExpression: "kind = :user AND #counter > :zero",
        ExpressionAttributeNames: { "#counter": counter },
        ExpressionAttributeValues: { ":minusOne": -1, ":zero": 0, ":user": "user" },
      }),
    );
  } catch (error) {
    // The account is gone, or the count is already 0: nothing to correct.
    if (!isConditionFailure(error)) throw error;
  }
}
