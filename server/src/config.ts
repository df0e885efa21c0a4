import { z } from "zod";

const ZConfig = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().url().optional(),
  STOA_DATA_DIR: z.string().default("./data"),
  STOA_DEMO_PASSWORD: z.string().min(8).optional(),
  /** Seed the demo district when the database is empty. */
  STOA_SEED_DEMO: z.enum(["true", "false"]).default("true"),
  /** Minutes of inactivity after which a session ends. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(120),
  /** Hours after sign-in after which a session ends whatever the activity. */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  /**
   * Seconds a server process may reuse a session it has read, without asking the database
   * (0: never). A sign-out or role change made through another process applies there at most
   * this much later; in the same process at once. Decision 007.
   */
  SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  /** The public origin (https://stoa.example.org) when behind a proxy; used for the CSRF Origin check. */
  PUBLIC_ORIGIN: z.string().url().optional(),
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  /** Redis (redis://host:6379): live events, presence and rate limits shared by several server processes. */
  REDIS_URL: z.string().optional(),
  /** Prefix of Stoa's Redis keys and channels, so that several deployments can share one Redis. */
  REDIS_PREFIX: z.string().min(1).max(60).default("stoa:rt:"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Largest roster bundle accepted by upload, in megabytes. */
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(2048).default(100),
  /** Largest portfolio file a student may upload, in megabytes. */
  PORTFOLIO_MAX_FILE_MB: z.coerce.number().int().min(1).max(2048).default(50),
  /** Portfolio storage each student may use in all, in megabytes. */
  PORTFOLIO_QUOTA_MB: z.coerce.number().int().min(1).max(1_000_000).default(500),
  /** Discussion posts (threads and replies) each person may send per minute. */
  DISCUSSION_POSTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(10),
  /** Where uploaded files live: the local disk (STOA_DATA_DIR/files) or an S3-compatible bucket. */
  STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default("us-east-1"),
  /** The endpoint of an S3-compatible service (MinIO, Ceph, R2 ...); empty means AWS S3 itself. */
  S3_ENDPOINT: z.string().url().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** Path-style URLs (endpoint/bucket/key), which most S3-compatible servers need. */
  S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).default("true"),
  /** The SMTP server that sends notification emails; without it emails are kept in the outbox page (development). */
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_USER: z.string().optional(),
  /** Never logged. */
  SMTP_PASSWORD: z.string().optional(),
  /** The sender of notification emails, e.g. "Stoa <no-reply@school.example.org>". */
  SMTP_FROM: z.string().min(3).default("Stoa <no-reply@localhost>"),
  /** TLS from the first byte (port 465); with "false", STARTTLS is used when the server offers it. */
  SMTP_SECURE: z.enum(["true", "false"]).default("false"),
});

export type Config = z.infer<typeof ZConfig>;

/** Reads and validates every setting once; a wrong setting stops the process with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZConfig.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
