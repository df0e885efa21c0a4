-- The class summary's student count and teachers, kept beside the roster JSON by the same triggers.
CREATE OR REPLACE FUNCTION refresh_class_rosters(ids uuid[]) RETURNS void AS $$
  INSERT INTO class_rosters (class_id, active_json, full_json, student_count, teachers_json)
  SELECT c.id,
    coalesce((SELECT json_agg(json_build_object('userId', u.id, 'givenName', u.given_name, 'familyName', u.family_name,
        'preferredName', u.preferred_name, 'role', e.role, 'username', NULL, 'grades', NULL, 'status', e.status)
      ORDER BY e.role <> 'teacher', u.family_name, u.given_name)
      FROM enrolments e JOIN users u ON u.id = e.user_id WHERE e.class_id = c.id AND e.status = 'active'), '[]')::text,
    coalesce((SELECT json_agg(json_build_object('userId', u.id, 'givenName', u.given_name, 'familyName', u.family_name,
        'preferredName', u.preferred_name, 'role', e.role, 'username', u.username, 'grades', u.grades, 'status', e.status)
      ORDER BY e.role <> 'teacher', u.family_name, u.given_name)
      FROM enrolments e JOIN users u ON u.id = e.user_id WHERE e.class_id = c.id), '[]')::text,
    (SELECT count(*) FROM enrolments e WHERE e.class_id = c.id AND e.status = 'active' AND e.role = 'student'),
    coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.given_name || ' ' || u.family_name) ORDER BY u.family_name)
      FROM enrolments e JOIN users u ON u.id = e.user_id WHERE e.class_id = c.id AND e.status = 'active' AND e.role = 'teacher'), '[]')::text
  FROM classes c WHERE c.id = ANY(ids)
  ON CONFLICT (class_id) DO UPDATE SET active_json = excluded.active_json, full_json = excluded.full_json,
    student_count = excluded.student_count, teachers_json = excluded.teachers_json;
$$ LANGUAGE sql;
--> statement-breakpoint
SELECT refresh_class_rosters(array(SELECT id FROM classes));
