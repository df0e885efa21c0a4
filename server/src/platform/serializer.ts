import fastJsonStringify from "fast-json-stringify";
import type { FastifyReply } from "fastify";
import { createSerializerCompiler } from "fastify-type-provider-zod";
import { safeParse, toJSONSchema, type $ZodType } from "zod/v4/core";
import { ResponseSerializationError } from "fastify-type-provider-zod";

type CompilerInput = Parameters<ReturnType<typeof createSerializerCompiler>>[0];

const zodSerializer = createSerializerCompiler({});

/**
 * Response serialisation: the route's zod response schema, turned into JSON Schema once and
 * compiled with fast-json-stringify (what Fastify uses for plain JSON schemas). Validating every
 * response with zod and then calling JSON.stringify cost ~190 µs for a 35-member roster against
 * ~30 µs. Only the schema's properties are written, so a column the presenter lets through still
 * never leaks. The test suite (VITEST) also checks each response against the zod schema, so a
 * presenter that drifts from its contract fails there. A schema JSON Schema cannot express falls
 * back to zod's serializer.
 * Each route's serializer is compiled on its first response, not at start: with ~160 routes,
 * compiling all of them up front held tens of MB for routes a process may never answer.
 */
export function fastSerializerCompiler(input: CompilerInput): (data: unknown) => string {
  let compiled: ((data: unknown) => string) | undefined;
  return (data) => (compiled ??= compileSerializer(input))(data);
}

function compileSerializer(input: CompilerInput): (data: unknown) => string {
  const schema = (input.schema instanceof Object && "_zod" in input.schema ? input.schema : null) as $ZodType | null;
  if (!schema) return zodSerializer(input);
  let stringify: (data: unknown) => string;
  try {
    const json = toJSONSchema(schema, { io: "output", target: "draft-7", unrepresentable: "throw" });
    stringify = fastJsonStringify(json as Parameters<typeof fastJsonStringify>[0]) as (data: unknown) => string;
  } catch {
    return zodSerializer(input);
  }
  if (!process.env.VITEST) return stringify;
  return (data) => {
    const checked = safeParse(schema, data);
    if (!checked.success) throw new ResponseSerializationError(input.method, input.url, { cause: checked.error });
    return stringify(data);
  };
}

/** A response body that is already JSON text (built by PostgreSQL), written as-is by `sendJsonText`. */
export class JsonText {
  constructor(readonly text: string) {}
}

/** `{"data": <dataJson>, ...rest}` as JSON text, where `dataJson` is already JSON text. */
export function jsonEnvelope(dataJson: string, rest: Record<string, unknown> = {}): JsonText {
  const more = JSON.stringify(rest);
  return new JsonText(`{"data":${dataJson}${more === "{}" ? "" : `,${more.slice(1, -1)}`}}`);
}

/**
 * Sends JSON text without re-serialising it (Fastify writes a string with a JSON content type
 * as-is, skipping the route's serializer). Under VITEST the text is parsed and checked against the
 * route's zod response schema first, like every other response, so SQL that drifts from the
 * contract fails a test.
 */
export function sendJsonText(reply: FastifyReply, body: JsonText): FastifyReply {
  if (process.env.VITEST) {
    const schema = (reply.request.routeOptions.schema?.response as Record<string, $ZodType> | undefined)?.[reply.statusCode];
    if (!schema) throw new Error(`No response schema for ${reply.statusCode} on ${reply.request.url}`);
    const checked = safeParse(schema, JSON.parse(body.text));
    if (!checked.success) throw new ResponseSerializationError(reply.request.method, reply.request.url, { cause: checked.error });
  }
  return reply.type("application/json; charset=utf-8").send(body.text);
}
