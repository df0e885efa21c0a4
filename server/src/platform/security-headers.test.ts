import { describe, expect, it } from "vitest";
import { getTestApp } from "../test/server.js";
import { computeSecurityHeaders } from "./security-headers.js";

describe("security headers", () => {
  it("are helmet's, computed once from the options", () => {
    const headers = computeSecurityHeaders({
      contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], upgradeInsecureRequests: null } },
    });
    expect(headers["content-security-policy"]).toContain("default-src 'self'");
    expect(headers["content-security-policy"]).not.toContain("upgrade-insecure-requests");
    expect(headers["x-content-type-options"]).toBe("nosniff");
  });

  it("are on every response: API answers, errors and unknown paths", async () => {
    const app = await getTestApp();
    for (const url of ["/api/health", "/api/me", "/api/no-such-thing"]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
      expect(res.headers["strict-transport-security"]).toBe("max-age=15552000; includeSubDomains");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
    }
  });
});
