import type { Query } from "./client";

/** Query keys in one place so mutations invalidate the right lists. */
export const keys = {
  me: ["me"] as const,
  classes: (query?: Query) => (query ? (["classes", query] as const) : (["classes"] as const)),
  class: (id: string) => ["class", id] as const,
  roster: (id: string) => ["class", id, "roster"] as const,
  schools: ["schools"] as const,
  people: (query?: Query) => (query ? (["people", query] as const) : (["people"] as const)),
  person: (id: string) => ["person", id] as const,
  terms: ["terms"] as const,
  courses: ["courses"] as const,
  children: ["children"] as const,
  imports: (query?: Query) => (query ? (["imports", query] as const) : (["imports"] as const)),
  importRun: (id: string) => ["import", id] as const,
  audit: (query?: Query) => (query ? (["audit", query] as const) : (["audit"] as const)),
};
