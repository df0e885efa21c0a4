ALTER TABLE "class_rosters" DROP COLUMN "student_count";--> statement-breakpoint
ALTER TABLE "class_rosters" DROP COLUMN "teachers_json";--> statement-breakpoint
-- class_rosters also keeps each class's summary (ZClassSummary without the reader's myRole) as JSON
-- text, so the class list reads it instead of building it (decision 020). The keys are ZClassSummary's.
CREATE OR REPLACE FUNCTION refresh_class_rosters(ids uuid[]) RETURNS void AS $$
  INSERT INTO class_rosters (class_id, active_json, full_json, summary_json)
  SELECT c.id,
    coalesce((SELECT json_agg(json_build_object('userId', u.id, 'givenName', u.given_name, 'familyName', u.family_name,
        'preferredName', u.preferred_name, 'role', e.role, 'username', NULL, 'grades', NULL, 'status', e.status)
      ORDER BY e.role <> 'teacher', u.family_name, u.given_name)
      FROM enrolments e JOIN users u ON u.id = e.user_id WHERE e.class_id = c.id AND e.status = 'active'), '[]')::text,
    coalesce((SELECT json_agg(json_build_object('userId', u.id, 'givenName', u.given_name, 'familyName', u.family_name,
        'preferredName', u.preferred_name, 'role', e.role, 'username', u.username, 'grades', u.grades, 'status', e.status)
      ORDER BY e.role <> 'teacher', u.family_name, u.given_name)
      FROM enrolments e JOIN users u ON u.id = e.user_id WHERE e.class_id = c.id), '[]')::text,
    json_build_object('id', c.id, 'title', c.title, 'classCode', c.class_code, 'classType', c.class_type, 'location', c.location,
      'school', json_build_object('id', s.id, 'name', s.name),
      'course', CASE WHEN co.id IS NULL THEN NULL ELSE json_build_object('id', co.id, 'title', co.title) END,
      'terms', coalesce((SELECT json_agg(json_build_object('id', t.id, 'title', t.title) ORDER BY t.start_date, t.id)
        FROM terms t WHERE t.id = ANY(c.term_ids)), '[]'::json),
      'grades', c.grades, 'subjects', c.subjects, 'status', c.status,
      'studentCount', (SELECT count(*) FROM enrolments e WHERE e.class_id = c.id AND e.status = 'active' AND e.role = 'student'),
      'teachers', coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.given_name || ' ' || u.family_name)
          ORDER BY u.family_name, u.given_name, u.id)
        FROM enrolments e JOIN users u ON u.id = e.user_id WHERE e.class_id = c.id AND e.status = 'active' AND e.role = 'teacher'), '[]'::json),
      'sourcedId', c.sourced_id)::text
  FROM classes c JOIN schools s ON s.id = c.school_id LEFT JOIN courses co ON co.id = c.course_id
  WHERE c.id = ANY(ids)
  ON CONFLICT (class_id) DO UPDATE SET active_json = excluded.active_json, full_json = excluded.full_json,
    summary_json = excluded.summary_json;
$$ LANGUAGE sql;
--> statement-breakpoint
-- A class created or edited: its summary (and, on creation, its empty roster) follows.
CREATE OR REPLACE FUNCTION classes_refresh_rosters() RETURNS trigger AS $$
BEGIN
  IF roster_refresh_deferred() THEN RETURN NULL; END IF;
  PERFORM refresh_class_rosters(array(SELECT id FROM new_rows));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER classes_rosters_insert AFTER INSERT ON classes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION classes_refresh_rosters();
--> statement-breakpoint
CREATE TRIGGER classes_rosters_update AFTER UPDATE ON classes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION classes_refresh_rosters();
--> statement-breakpoint
-- A school, course or term renamed (or a term moved): the summaries of the classes that show it follow.
CREATE OR REPLACE FUNCTION names_refresh_class_summaries() RETURNS trigger AS $$
BEGIN
  IF roster_refresh_deferred() THEN RETURN NULL; END IF;
  IF TG_TABLE_NAME = 'schools' THEN
    PERFORM refresh_class_rosters(array(SELECT c.id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN classes c ON c.school_id = n.id
      WHERE n.name IS DISTINCT FROM o.name));
  ELSIF TG_TABLE_NAME = 'courses' THEN
    PERFORM refresh_class_rosters(array(SELECT c.id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN classes c ON c.course_id = n.id
      WHERE n.title IS DISTINCT FROM o.title));
  ELSE
    PERFORM refresh_class_rosters(array(SELECT DISTINCT c.id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN classes c ON n.id = ANY(c.term_ids)
      WHERE (n.title, n.start_date) IS DISTINCT FROM (o.title, o.start_date)));
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER schools_class_summaries AFTER UPDATE ON schools REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION names_refresh_class_summaries();
--> statement-breakpoint
CREATE TRIGGER courses_class_summaries AFTER UPDATE ON courses REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION names_refresh_class_summaries();
--> statement-breakpoint
CREATE TRIGGER terms_class_summaries AFTER UPDATE ON terms REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION names_refresh_class_summaries();
--> statement-breakpoint
SELECT refresh_class_rosters(array(SELECT id FROM classes));
