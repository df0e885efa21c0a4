import type { TAuditPage, TAuditQuery } from "@stoa/contracts";
import type { Db } from "../../db/client.js";
import { type Actor, isDistrictAdmin } from "../../platform/actor.js";
import { forbidden } from "../../platform/errors.js";
import { listAudit } from "./audit.repository.js";

/** The district's audit log, for district admins only. */
export async function browseAudit(db: Db, actor: Actor, query: TAuditQuery): Promise<TAuditPage> {
  if (!isDistrictAdmin(actor)) throw forbidden("Only district administrators can read the audit log");
  const { rows, total } = await listAudit(db, actor.districtId, query);
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: r.actorId ? { id: r.actorId, name: r.actorName ?? "(unknown)" } : null,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      details: r.details,
      ip: r.ip,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
