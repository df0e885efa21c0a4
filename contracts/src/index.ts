export * from "./common.js";
export * from "./identity.js";
export * from "./organisation.js";
export * from "./roster.js";
export * from "./imports.js";
export * from "./audit.js";
export * from "./tasks.js";
export * from "./groups.js";
