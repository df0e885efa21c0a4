import type { DbOrTx } from "../db/client.js";
import { auditLog } from "../db/schema/index.js";
import type { Actor } from "./actor.js";

export interface AuditRecord {
  action: string;
  targetType: string;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

/** Appends to the audit log, inside the caller's transaction when given one. */
export async function audit(
  db: DbOrTx,
  actor: Actor | { districtId: string; userId: string | null; ip: string | null },
  record: AuditRecord,
) {
  await db.insert(auditLog).values({
    districtId: actor.districtId,
    actorId: actor.userId,
    action: record.action,
    targetType: record.targetType,
    targetId: record.targetId ?? null,
    details: record.details ?? null,
    ip: actor.ip,
  });
}
