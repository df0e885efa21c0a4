import { loadConfig } from "./config.js";
import { analyzeDatabase, migrateDatabase, openDatabase } from "./db/client.js";
import { isEmpty, seedDemo } from "./db/seed.js";
import { buildApp } from "./app.js";
import { join } from "node:path";
import { localFileStorage, type FileStorage } from "./platform/storage.js";
import { s3FileStorage } from "./platform/storage-s3.js";
import { collectWhenIdle } from "./platform/idle-gc.js";
import type { Config } from "./config.js";
import { smtpSender, smtpSettings, startMailWorker } from "./platform/mail.js";
import { Redis } from "ioredis";
import { redisBus } from "./platform/realtime/bus.js";
import { redisRateLimiter } from "./platform/rate-limit.js";

/** The file storage the configuration chooses: the local disk, or an S3-compatible bucket. */
function fileStorage(config: Config): FileStorage {
  if (config.STORAGE_DRIVER === "local") return localFileStorage(join(config.STOA_DATA_DIR, "files"));
  const { S3_BUCKET: bucket, S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey } = config;
  if (!bucket || !accessKeyId || !secretAccessKey)
    throw new Error("STORAGE_DRIVER=s3 needs S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY");
  return s3FileStorage({
    bucket,
    accessKeyId,
    secretAccessKey,
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: config.S3_FORCE_PATH_STYLE === "true",
  });
}

/** Starts Stoa: configuration, database and migrations, demo seed, HTTP server, graceful shutdown. */
async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.STOA_DATA_DIR });
  await migrateDatabase(database);
  const seeded = config.STOA_SEED_DEMO === "true" && (await isEmpty(database.db));
  if (seeded) printDemoLogins(await seedDemo(database.db, config.STOA_DEMO_PASSWORD));
  // Fresh tables have no planner statistics, and PGlite never runs autovacuum to gather them.
  if (seeded || database.kind === "pglite") await analyzeDatabase(database);
  const smtp = smtpSettings(config);
  // With Redis, several processes share live events, presence and rate limits (decision 013).
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2 }) : null;
  const app = await buildApp(database, config, {
    storage: fileStorage(config),
    smtpConfigured: smtp !== null,
    ...(config.REDIS_URL && redis
      ? { realtimeBus: redisBus(config.REDIS_URL, { prefix: config.REDIS_PREFIX }), rateLimiter: redisRateLimiter(redis) }
      : {}),
  });
  collectWhenIdle(app);
  // Sends the mail outbox after commit (or, without SMTP, keeps the mails for the outbox page).
  const mailer = startMailWorker(database.db, { send: smtp ? smtpSender(smtp) : null, log: app.log, linkOrigin: config.PUBLIC_ORIGIN });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal}: finishing requests in flight, then closing the database`);
    // close() stops accepting connections and waits for requests in flight.
    await app.close();
    await mailer.stop();
    redis?.disconnect();
    await database.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  await app.listen({ port: config.PORT, host: config.HOST });
  console.log(`Stoa is running on http://localhost:${config.PORT} (database: ${database.kind})`);
}

function printDemoLogins(logins: Awaited<ReturnType<typeof seedDemo>>) {
  const first = (role: string, n = 1) => (logins.byRole[role] ?? []).slice(0, n).join(", ");
  console.log("\nDemo district seeded. Sign in with:");
  console.log(`  district admin : ${first("district_admin")}`);
  console.log(`  school admins  : ${first("school_admin", 2)}`);
  console.log(`  teachers       : ${first("teacher", 3)} ... teacher10`);
  console.log(`  staff          : ${first("staff", 2)}`);
  console.log(`  students       : ${first("student", 3)} ... student200`);
  console.log(`  guardians      : ${first("guardian", 3)} ... guardian40`);
  console.log(
    `  password       : ${logins.generated ? `${logins.password}  (random; set STOA_DEMO_PASSWORD to choose one)` : "the value of STOA_DEMO_PASSWORD"}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
