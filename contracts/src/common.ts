import { z } from "zod";

export const ZId = z.uuid({ message: "must be an id (UUID)" });

/** Trimmed text that must not be empty. */
export const ZName = (label: string, max = 200) =>
  z.string().trim().min(1, { message: `${label} is required` }).max(max, { message: `${label} must be at most ${max} characters` });

/** The body of every error response. */
export const ZApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type TApiError = z.infer<typeof ZApiError>;

export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** A page of items. */
export const ZPaged = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** Every successful response: the data and what the caller may do with it. */
export const ZEnvelope = <T extends z.ZodType>(data: T) =>
  z.object({ data, policies: z.record(z.string(), z.boolean()).optional() });

export const ZIsoDate = z.iso.date({ message: "must be a date as YYYY-MM-DD" });
