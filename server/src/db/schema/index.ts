export * from "./organisation.js";
export * from "./roster.js";
export * from "./platform.js";
export * from "./groups.js";
export * from "./portfolio.js";
export * from "./portfolio-feedback.js";
export * from "./tasks.js";
export * from "./peer.js";
