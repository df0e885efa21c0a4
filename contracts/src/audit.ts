import { z } from "zod";
import { ZId, ZPageQuery, ZPaged } from "./common.js";

export const ZAuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.object({ id: ZId, name: z.string() }).nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  ip: z.string().nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditQuery = ZPageQuery.extend({
  actorId: ZId.optional(),
  action: z.string().trim().max(100).optional(),
  targetType: z.string().trim().max(50).optional(),
  targetId: z.string().trim().max(100).optional(),
  from: z.iso.datetime({ offset: true, message: "from must be an ISO date-time" }).optional(),
  to: z.iso.datetime({ offset: true, message: "to must be an ISO date-time" }).optional(),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;
export const ZAuditPage = ZPaged(ZAuditEntry);
export type TAuditPage = z.infer<typeof ZAuditPage>;
