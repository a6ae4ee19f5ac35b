import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";

export function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException;
}
