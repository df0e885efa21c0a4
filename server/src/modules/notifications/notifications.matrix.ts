import { notifications } from "../../db/schema/index.js";
import { row, rowWith, type MatrixRow } from "../../test/matrix.js";

/**
 * Notification routes x actors: each person reaches only their own notifications. The row for one
 * notification uses studentA1's: only the student actor finds it; everyone else gets 404.
 */
export const notificationsMatrix: Record<string, MatrixRow> = {
  "GET /api/notifications": row(() => ({ url: "/api/notifications" }), 200),
  "GET /api/notifications/unread-count": row(() => ({ url: "/api/notifications/unread-count" }), 200),
  "POST /api/notifications/:id/read": rowWith(
    async (db, d) => {
      const [n] = await db
        .insert(notifications)
        .values({ districtId: d.district.id, userId: d.studentA1.id, kind: "mention", title: "Matrix", link: "/" })
        .returning();
      return n!;
    },
    (_d, _o, n) => ({ url: `/api/notifications/${n.id}/read` }),
    404,
    { student: 200 },
  ),
  "POST /api/notifications/read-all": row(() => ({ url: "/api/notifications/read-all" }), 200),
  "GET /api/notifications/preferences": row(() => ({ url: "/api/notifications/preferences" }), 200),
  "PUT /api/notifications/preferences": row(
    () => ({ url: "/api/notifications/preferences", payload: { preferences: [{ kind: "task", channel: "off" }] } }),
    200,
  ),
  // The test app has no SMTP settings: the development outbox is there for everyone signed in (scoped inside).
  "GET /api/mail-outbox": row(() => ({ url: "/api/mail-outbox" }), 200),
};
