/**
 * Issue 14's migration on AWS: removes the `searchText` copy of the body from every note item
 * of a deployed Notes table (the local cloud does it at bootstrap). Run after deploying the
 * version that stopped writing it, with the stage's AWS credentials:
 *
 *   AWS_REGION=eu-west-1 npx tsx scripts/drop-search-text.ts <Notes table name>
 *
 * `--endpoint http://127.0.0.1:8000` points it at a DynamoDB Local instead. Safe to run twice
 * and beside the live app (see lib/db/migrations/drop-search-text.ts).
 */
import { parseArgs } from "node:util";
import { createDocumentClient } from "@/lib/db/client";
import { dropSearchText } from "@/lib/db/migrations/drop-search-text";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { endpoint: { type: "string" } },
});
const [tableName] = positionals;
if (!tableName || positionals.length > 1) {
  console.error("Usage: npx tsx scripts/drop-search-text.ts [--endpoint URL] <Notes table name>");
  process.exit(2);
}
const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
const client = createDocumentClient({
  region,
  ...(values.endpoint && { endpoint: values.endpoint }),
});
try {
  const { scanned, updated } = await dropSearchText(client, tableName);
  console.log(`${tableName}: scanned ${scanned} items, removed searchText from ${updated}.`);
} finally {
  client.destroy();
}
