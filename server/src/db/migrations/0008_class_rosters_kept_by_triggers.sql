-- class_rosters keeps each class's member list as JSON text, recomputed in the transaction of every
-- change to enrolments or to the members' names (decision 007). The keys and order are ZRosterEntry's.
CREATE OR REPLACE FUNCTION refresh_class_rosters(ids uuid[]) RETURNS void AS $$
  INSERT INTO class_rosters (class_id, active_json, full_json)
  SELECT c.id,
    coalesce((SELECT json_agg(json_build_object('userId', u.id, 'givenName', u.given_name, 'familyName', u.family_name,
        'preferredName', u.preferred_name, 'role', e.role, 'username', NULL, 'grades', NULL, 'status', e.status)
      ORDER BY e.role <> 'teacher', u.family_name, u.given_name)
      FROM enrolments e JOIN users u ON u.id = e.user_id WHERE e.class_id = c.id AND e.status = 'active'), '[]')::text,
    coalesce((SELECT json_agg(json_build_object('userId', u.id, 'givenName', u.given_name, 'familyName', u.family_name,
        'preferredName', u.preferred_name, 'role', e.role, 'username', u.username, 'grades', u.grades, 'status', e.status)
      ORDER BY e.role <> 'teacher', u.family_name, u.given_name)
      FROM enrolments e JOIN users u ON u.id = e.user_id WHERE e.class_id = c.id), '[]')::text
  FROM classes c WHERE c.id = ANY(ids)
  ON CONFLICT (class_id) DO UPDATE SET active_json = excluded.active_json, full_json = excluded.full_json;
$$ LANGUAGE sql;
--> statement-breakpoint
-- A bulk writer (the OneRoster import) sets stoa.defer_roster_refresh for its transaction and
-- refreshes every class of the district once at the end, instead of once per batch.
CREATE OR REPLACE FUNCTION roster_refresh_deferred() RETURNS boolean AS $$
  SELECT coalesce(current_setting('stoa.defer_roster_refresh', true), '') = 'on';
$$ LANGUAGE sql STABLE;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION enrolments_refresh_rosters() RETURNS trigger AS $$
BEGIN
  IF roster_refresh_deferred() THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM refresh_class_rosters(array(SELECT DISTINCT class_id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM refresh_class_rosters(array(SELECT class_id FROM new_rows UNION SELECT class_id FROM old_rows));
  ELSE
    PERFORM refresh_class_rosters(array(SELECT DISTINCT class_id FROM old_rows));
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER enrolments_rosters_insert AFTER INSERT ON enrolments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION enrolments_refresh_rosters();
--> statement-breakpoint
CREATE TRIGGER enrolments_rosters_update AFTER UPDATE ON enrolments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION enrolments_refresh_rosters();
--> statement-breakpoint
CREATE TRIGGER enrolments_rosters_delete AFTER DELETE ON enrolments REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION enrolments_refresh_rosters();
--> statement-breakpoint
-- A member's name, username or grades changed: the rosters of their classes change with it.
CREATE OR REPLACE FUNCTION users_refresh_rosters() RETURNS trigger AS $$
BEGIN
  IF roster_refresh_deferred() THEN RETURN NULL; END IF;
  PERFORM refresh_class_rosters(array(
    SELECT DISTINCT e.class_id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN enrolments e ON e.user_id = n.id
    WHERE (n.given_name, n.family_name, n.preferred_name, n.username, n.grades)
      IS DISTINCT FROM (o.given_name, o.family_name, o.preferred_name, o.username, o.grades)));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER users_rosters_update AFTER UPDATE ON users REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION users_refresh_rosters();
--> statement-breakpoint
SELECT refresh_class_rosters(array(SELECT id FROM classes));
