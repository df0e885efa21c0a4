import { sql } from "drizzle-orm";
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid, jsonb } from "drizzle-orm/pg-core";

/** A district: the tenant. Every tenant-owned row carries its district_id. */
export const districts = pgTable("districts", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  sourcedId: text("sourced_id"),
  /** Demographics are sensitive: imported only when the district turns this on. */
  importDemographics: boolean("import_demographics").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A school (or another OneRoster org below the district). */
export const schools = pgTable(
  "schools",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id),
    name: text("name").notNull(),
    identifier: text("identifier"),
    orgType: text("org_type").notNull().default("school"),
    timeZone: text("time_zone").notNull().default("UTC"),
    status: text("status", { enum: ["active", "inactive"] }).notNull().default("active"),
    sourcedId: text("sourced_id"),
    parentSourcedId: text("parent_sourced_id"),
    metadata: jsonb("metadata").$type<Record<string, string>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("schools_district_idx").on(t.districtId),
    uniqueIndex("schools_sourced_idx").on(t.districtId, t.sourcedId),
  ],
);

/** A person. Usernames and emails are unique across the installation because sign-in names no district. */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id),
    username: text("username").notNull(),
    email: text("email"),
    givenName: text("given_name").notNull(),
    familyName: text("family_name").notNull(),
    middleName: text("middle_name"),
    preferredName: text("preferred_name"),
    identifier: text("identifier"),
    grades: text("grades").array().notNull().default(sql`'{}'::text[]`),
    passwordHash: text("password_hash"),
    status: text("status", { enum: ["active", "inactive"] }).notNull().default("active"),
    sourcedId: text("sourced_id"),
    metadata: jsonb("metadata").$type<Record<string, string>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_username_idx").on(sql`lower(${t.username})`),
    uniqueIndex("users_email_idx").on(sql`lower(${t.email})`),
    uniqueIndex("users_sourced_idx").on(t.districtId, t.sourcedId),
    index("users_district_idx").on(t.districtId, t.familyName, t.givenName),
  ],
);

export const roleNames = ["district_admin", "school_admin", "teacher", "staff", "student", "guardian"] as const;
export const staffKinds = ["counselor", "interventionist", "aide"] as const;

/** A role a person holds, at one school or (school_id null) across the district. */
export const roleAssignments = pgTable(
  "role_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id),
    userId: uuid("user_id").notNull().references(() => users.id),
    schoolId: uuid("school_id").references(() => schools.id),
    role: text("role", { enum: roleNames }).notNull(),
    staffKind: text("staff_kind", { enum: staffKinds }),
    sourcedId: text("sourced_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("roles_user_idx").on(t.userId),
    index("roles_school_idx").on(t.schoolId, t.role),
    uniqueIndex("roles_unique_idx").on(t.userId, t.role, sql`coalesce(${t.schoolId}, '00000000-0000-0000-0000-000000000000'::uuid)`),
  ],
);

/** A guardian's link to a child. */
export const guardianLinks = pgTable(
  "guardian_links",
  {
    districtId: uuid("district_id").notNull().references(() => districts.id),
    guardianId: uuid("guardian_id").notNull().references(() => users.id),
    studentId: uuid("student_id").notNull().references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("guardian_links_pk").on(t.guardianId, t.studentId),
    index("guardian_links_student_idx").on(t.studentId),
  ],
);

/** Sensitive demographic data, imported only when the district allows it; never shown to students or peers. */
export const demographics = pgTable("demographics", {
  userId: uuid("user_id").primaryKey().references(() => users.id),
  districtId: uuid("district_id").notNull().references(() => districts.id),
  birthDate: text("birth_date"),
  sex: text("sex"),
  data: jsonb("data").$type<Record<string, string>>().notNull(),
  sourcedId: text("sourced_id"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
