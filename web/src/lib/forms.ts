import type { FormErrors, UseFormReturnType } from "@mantine/form";
import type { z } from "zod";
import { ApiError } from "../api/client";

/**
 * Validates form values with the same zod schema the server uses. `prepare` turns form values
 * (empty strings for blank inputs) into the payload the schema expects.
 */
export function zodResolver<V>(schema: z.ZodType, prepare?: (values: V) => unknown) {
  return (values: V): FormErrors => {
    const result = schema.safeParse(prepare ? prepare(values) : values);
    if (result.success) return {};
    const errors: FormErrors = {};
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join(".");
      if (!(path in errors)) errors[path] = issue.message;
    }
    return errors;
  };
}

/** Parses prepared values with the schema, for sending (defaults and trimming applied). */
export function toPayload<S extends z.ZodType>(schema: S, prepared: unknown): z.output<S> {
  return schema.parse(prepared);
}

/** Blank text becomes undefined (for optional fields). */
export const blankToUndefined = (value: string): string | undefined => (value.trim() === "" ? undefined : value);
/** Blank text becomes null (for nullable fields). */
export const blankToNull = (value: string): string | null => (value.trim() === "" ? null : value);

/**
 * Puts the server's field messages beside their fields. Returns the message to show above the
 * form when the error does not concern a known field (or null when every problem was placed).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form shape
export function applyServerErrors(form: UseFormReturnType<any>, error: unknown, fieldMap: Record<string, string> = {}): string | null {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  if (error.fields.length === 0) return error.message;
  const known = Object.keys(form.getValues() as object);
  const errors: FormErrors = {};
  let unplaced = false;
  for (const field of error.fields) {
    // Schema validation errors arrive as "body.newPassword"; service errors as "newPassword".
    const bare = field.path.replace(/^body\./, "");
    const path = fieldMap[bare] ?? bare;
    const root = path.split(".")[0] ?? path;
    if (known.includes(root)) errors[path] = field.message;
    else unplaced = true;
  }
  form.setErrors(errors);
  return unplaced ? error.message : null;
}
