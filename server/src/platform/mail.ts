import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Db } from "../db/client.js";
import { mailOutbox } from "../db/schema/index.js";

/** How to reach the SMTP server; null when SMTP is not configured (mails are captured, not sent). */
export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
}

/** The SMTP settings of the configuration, or null when SMTP_HOST is not set. */
export function smtpSettings(config: {
  SMTP_HOST?: string;
  SMTP_PORT: number;
  SMTP_SECURE: "true" | "false";
  SMTP_USER?: string;
  SMTP_PASSWORD?: string;
  SMTP_FROM: string;
}): SmtpSettings | null {
  if (!config.SMTP_HOST) return null;
  return {
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    secure: config.SMTP_SECURE === "true",
    user: config.SMTP_USER,
    password: config.SMTP_PASSWORD,
    from: config.SMTP_FROM,
  };
}

/** Sends one mail; throws when the server refuses it. */
export type SendMail = (mail: { to: string; subject: string; text: string }) => Promise<void>;

/** A nodemailer SMTP transport over the settings (the password stays inside the transport, never logged). */
export function smtpSender(settings: SmtpSettings): SendMail {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.user ? { user: settings.user, pass: settings.password ?? "" } : undefined,
    // A local relay in tests and small schools often has a self-signed certificate only when secure is off.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return async (mail) => {
    await transport.sendMail({ from: settings.from, to: mail.to, subject: mail.subject, text: mail.text });
  };
}

/** Turns the app path after "Open it in Stoa:" (written by notify) into a full link when the origin is known. */
export function withOrigin(text: string, origin: string | undefined): string {
  if (!origin) return text;
  return text.replace(/^(Open it in Stoa: )(\/\S*)$/m, (_all, lead: string, path: string) => `${lead}${origin.replace(/\/+$/, "")}${path}`);
}

// Wake-ups from `notify` (in this process): the worker looks at the outbox soon after a mail is queued.
const wakers = new Set<() => void>();

/** Tells the mail workers of this process that a mail was queued (called by `notify`, before commit). */
export function requestMailDelivery(): void {
  for (const wake of wakers) wake();
}

export interface MailWorkerOptions {
  /** Null: no SMTP; mails become "captured" for the development outbox page. */
  send: SendMail | null;
  /** Seconds between looks at the outbox when nothing wakes the worker. */
  intervalSeconds?: number;
  /** Attempts before a mail is marked failed. */
  maxAttempts?: number;
  /** Mails claimed per round. */
  batchSize?: number;
  /** The public origin (https://stoa.example.org): app paths in mails become full links. */
  linkOrigin?: string;
  log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

export interface MailWorker {
  /** One round: claims due mails, sends (or captures) them; returns how many it handled. */
  runOnce(): Promise<number>;
  wake(): void;
  stop(): Promise<void>;
}

/** How long a claimed mail stays with the worker that claimed it before another may retry it. */
const claimSeconds = 120;

/** Seconds to wait before attempt n + 1 (30 s, 1 min, 2 min, 4 min …, at most an hour). */
export const retryDelaySeconds = (attempts: number) => Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));

/**
 * Sends the mail outbox after commit: wakes after a notify and on a timer, claims due rows with
 * FOR UPDATE SKIP LOCKED (so several processes never send one mail twice), sends them over SMTP
 * (or captures them without SMTP), and marks each sent, or failed after `maxAttempts` with retries
 * spaced out in between.
 */
export function startMailWorker(db: Db, options: MailWorkerOptions): MailWorker {
  const maxAttempts = options.maxAttempts ?? 5;
  const batchSize = options.batchSize ?? 20;
  let stopped = false;
  let running: Promise<number> | null = null;
  let again = false;
  let soon: NodeJS.Timeout | null = null;

  async function claim() {
    return db.transaction(async (tx) => {
      const due = await tx
        .select({ id: mailOutbox.id })
        .from(mailOutbox)
        .where(and(inArray(mailOutbox.status, ["pending", "sending"]), lte(mailOutbox.nextAttemptAt, sql`now()`)))
        .orderBy(asc(mailOutbox.nextAttemptAt))
        .limit(batchSize)
        .for("update", { skipLocked: true });
      if (due.length === 0) return [];
      const ids = due.map((d) => d.id);
      if (!options.send) {
        await tx.update(mailOutbox).set({ status: "captured" }).where(inArray(mailOutbox.id, ids));
        return [];
      }
      return tx
        .update(mailOutbox)
        .set({ status: "sending", attempts: sql`${mailOutbox.attempts} + 1`, nextAttemptAt: sql`now() + make_interval(secs => ${claimSeconds})` })
        .where(inArray(mailOutbox.id, ids))
        .returning({ id: mailOutbox.id, to: mailOutbox.toAddress, subject: mailOutbox.subject, text: mailOutbox.text, attempts: mailOutbox.attempts });
    });
  }

  async function round(): Promise<number> {
    let handled = 0;
    // Keep going while full batches come back, so a burst is sent without waiting for the timer.
    for (;;) {
      const claimed = await claim();
      if (claimed.length === 0 || !options.send) return handled;
      for (const mail of claimed) {
        try {
          await options.send({ to: mail.to, subject: mail.subject, text: withOrigin(mail.text, options.linkOrigin) });
          await db.update(mailOutbox).set({ status: "sent", sentAt: new Date(), error: null }).where(eq(mailOutbox.id, mail.id));
        } catch (error) {
          const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
          const giveUp = mail.attempts >= maxAttempts;
          await db
            .update(mailOutbox)
            .set(
              giveUp
                ? { status: "failed", error: message }
                : { status: "pending", error: message, nextAttemptAt: sql`now() + make_interval(secs => ${retryDelaySeconds(mail.attempts)})` },
            )
            .where(eq(mailOutbox.id, mail.id));
          options.log?.warn({ mailId: mail.id, attempts: mail.attempts, giveUp }, `mail not sent: ${message}`);
        }
        handled += 1;
      }
      if (claimed.length < batchSize) return handled;
    }
  }

  function runOnce(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = round()
      .catch((error: unknown) => {
        options.log?.warn({ err: error }, "mail worker round failed");
        return 0;
      })
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          void runOnce();
        }
      });
    return running;
  }

  // notify() queues inside a transaction that commits a moment later: look shortly after, and once more.
  const wake = () => {
    if (stopped || soon) return;
    soon = setTimeout(() => {
      soon = null;
      void runOnce();
      setTimeout(() => void (stopped ? undefined : runOnce()), 2000).unref();
    }, 300);
    soon.unref();
  };
  wakers.add(wake);
  const timer = setInterval(() => void runOnce(), (options.intervalSeconds ?? 15) * 1000);
  timer.unref();
  void runOnce();

  return {
    runOnce,
    wake,
    async stop() {
      stopped = true;
      wakers.delete(wake);
      clearInterval(timer);
      if (soon) clearTimeout(soon);
      if (running) await running;
    },
  };
}

