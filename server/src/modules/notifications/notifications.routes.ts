import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ZEnvelope,
  ZId,
  ZNotificationListQuery,
  ZNotificationPage,
  ZNotificationPreferences,
  ZNotificationPreferencesUpdate,
  ZOutboxMail,
  ZPaged,
  ZPageQuery,
  ZUnreadCount,
} from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { requireActor } from "../../platform/http.js";
import * as notifications from "./notifications.service.js";

const ZParams = z.object({ id: ZId });

/** The in-app notification centre, preferences, and (without SMTP) the development mail outbox. */
export function notificationsRoutes(db: Db, options: { captureMail: boolean }) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ["notifications"];
    r.get(
      "/api/notifications",
      {
        schema: {
          tags,
          summary: "Your notifications, newest first, with the unread count",
          querystring: ZNotificationListQuery,
          response: { 200: ZEnvelope(ZNotificationPage) },
        },
      },
      async (req) => ({ data: await notifications.listNotifications(db, requireActor(req), req.query) }),
    );
    r.get(
      "/api/notifications/unread-count",
      { schema: { tags, summary: "How many of your notifications are unread", response: { 200: ZEnvelope(ZUnreadCount) } } },
      async (req) => ({ data: await notifications.unreadCount(db, requireActor(req)) }),
    );
    r.post(
      "/api/notifications/:id/read",
      { schema: { tags, summary: "Mark one notification read", params: ZParams, response: { 200: ZEnvelope(ZUnreadCount) } } },
      async (req) => ({ data: await notifications.markRead(db, requireActor(req), req.params.id) }),
    );
    r.post(
      "/api/notifications/read-all",
      { schema: { tags, summary: "Mark all your notifications read", response: { 200: ZEnvelope(ZUnreadCount) } } },
      async (req) => ({ data: await notifications.markAllRead(db, requireActor(req)) }),
    );
    r.get(
      "/api/notifications/preferences",
      {
        schema: {
          tags,
          summary: "Your channel (in Stoa, email, off) for each kind",
          response: { 200: ZEnvelope(ZNotificationPreferences) },
        },
      },
      async (req) => ({ data: await notifications.getPreferences(db, requireActor(req)) }),
    );
    r.put(
      "/api/notifications/preferences",
      {
        schema: {
          tags,
          summary: "Choose your channel for some kinds",
          body: ZNotificationPreferencesUpdate,
          response: { 200: ZEnvelope(ZNotificationPreferences) },
        },
      },
      async (req) => ({ data: await notifications.updatePreferences(db, requireActor(req), req.body.preferences) }),
    );
    r.get(
      "/api/mail-outbox",
      {
        schema: {
          tags,
          summary: "Development only (no SMTP): the emails Stoa would have sent you (district admins: the whole district)",
          querystring: ZPageQuery,
          response: { 200: ZEnvelope(ZPaged(ZOutboxMail)) },
        },
      },
      async (req) => ({ data: await notifications.listOutbox(db, requireActor(req), options.captureMail, req.query) }),
    );
  };
}
