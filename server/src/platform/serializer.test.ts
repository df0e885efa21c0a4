import Fastify from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fastSerializerCompiler, jsonEnvelope, sendJsonText } from "./serializer.js";

async function appReturning(body: unknown) {
  const app = Fastify({ logger: false });
  app.setSerializerCompiler(fastSerializerCompiler);
  const schema = z.object({ data: z.object({ id: z.string(), name: z.string().nullable(), tags: z.array(z.string()) }) });
  app.withTypeProvider<ZodTypeProvider>().get("/x", { schema: { response: { 200: schema } } }, () => body as z.infer<typeof schema>);
  await app.ready();
  return app;
}

describe("response serializer", () => {
  it("writes only the schema's properties", async () => {
    const app = await appReturning({ data: { id: "a", name: null, tags: ["t"], passwordHash: "secret" }, extra: 1 });
    const res = await app.inject({ method: "GET", url: "/x" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('{"data":{"id":"a","name":null,"tags":["t"]}}');
  });

  it("refuses, in tests, a response that breaks its contract", async () => {
    const app = await appReturning({ data: { id: 1, name: null, tags: [] } });
    const res = await app.inject({ method: "GET", url: "/x" });
    expect(res.statusCode).toBe(500);
  });
});

describe("pre-serialised JSON text", () => {
  async function appSending(dataJson: string) {
    const app = Fastify({ logger: false });
    app.setSerializerCompiler(fastSerializerCompiler);
    const schema = z.object({ data: z.array(z.object({ id: z.string() })), policies: z.object({ edit: z.boolean() }) });
    app
      .withTypeProvider<ZodTypeProvider>()
      .get("/x", { schema: { response: { 200: schema } } }, async (_req, reply) =>
        sendJsonText(reply, jsonEnvelope(dataJson, { policies: { edit: true } })),
      );
    await app.ready();
    return app;
  }

  it("is written as-is with a JSON content type", async () => {
    const res = await (await appSending('[{"id":"a"}]')).inject({ method: "GET", url: "/x" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(res.body).toBe('{"data":[{"id":"a"}],"policies":{"edit":true}}');
  });

  it("is checked, in tests, against the route's response schema", async () => {
    const res = await (await appSending('[{"id":1}]')).inject({ method: "GET", url: "/x" });
    expect(res.statusCode).toBe(500);
  });
});
