"""The database refuses a clash: no volunteer holds two accepted or active
assignments whose dates share a day and whose requests' weekly slots share
time (docs/ARCHITECTURE.md, "The clash rule in the database").

A clash reads two tables (the assignment's dates, its request's slots), which
an exclusion constraint cannot see, so PostgreSQL triggers check it: after an
assignment starts holding a place or moves (status, volunteer, request,
dates), and after a request's slots are added or changed. Each locks the
volunteer's row first, so two transactions holding a place for one volunteer
check one after the other and the second sees the first. The error names the
constraint ``assignment_no_clash`` and, in its detail, the other assignment.

SQLite (the quick start only) has no such trigger: there the services' check
under their locks holds, and SQLite lets one writer in at a time.
"""

from django.db import migrations

CHECK = """
CREATE FUNCTION matching_refuse_clash(held bigint) RETURNS void AS $$
DECLARE
    a matching_assignment%ROWTYPE;
    other bigint;
BEGIN
    SELECT * INTO a FROM matching_assignment WHERE id = held;
    IF NOT FOUND OR a.status NOT IN ('accepted', 'active') THEN
        RETURN;
    END IF;
    PERFORM 1 FROM registry_volunteer WHERE id = a.volunteer_id FOR UPDATE;
    SELECT b.id INTO other
      FROM matching_assignment b
     WHERE b.volunteer_id = a.volunteer_id
       AND b.id <> a.id
       AND b.status IN ('accepted', 'active')
       AND b.date_from <= a.date_to AND a.date_from <= b.date_to
       AND EXISTS (
           SELECT 1
             FROM matching_requestslot x
             JOIN matching_requestslot y
               ON x.weekday = y.weekday AND x.start < y."end" AND y.start < x."end"
            WHERE x.request_id = a.request_id AND y.request_id = b.request_id
       )
     ORDER BY b.id
     LIMIT 1;
    IF other IS NOT NULL THEN
        RAISE EXCEPTION 'assignment % clashes with assignment %', a.id, other
            USING ERRCODE = 'exclusion_violation',
                  CONSTRAINT = 'assignment_no_clash',
                  DETAIL = other::text;
    END IF;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION matching_assignment_no_clash() RETURNS trigger AS $$
BEGIN
    PERFORM matching_refuse_clash(NEW.id);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER matching_assignment_no_clash
    AFTER INSERT OR UPDATE OF status, volunteer_id, request_id, date_from, date_to
    ON matching_assignment
    FOR EACH ROW
    WHEN (NEW.status IN ('accepted', 'active'))
    EXECUTE FUNCTION matching_assignment_no_clash();

CREATE FUNCTION matching_requestslot_no_clash() RETURNS trigger AS $$
DECLARE
    held bigint;
BEGIN
    FOR held IN
        SELECT id FROM matching_assignment
         WHERE request_id = NEW.request_id AND status IN ('accepted', 'active')
         ORDER BY volunteer_id, id
    LOOP
        PERFORM matching_refuse_clash(held);
    END LOOP;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER matching_requestslot_no_clash
    AFTER INSERT OR UPDATE OF request_id, weekday, start, "end"
    ON matching_requestslot
    FOR EACH ROW
    EXECUTE FUNCTION matching_requestslot_no_clash();
"""

DROP = """
DROP TRIGGER IF EXISTS matching_requestslot_no_clash ON matching_requestslot;
DROP TRIGGER IF EXISTS matching_assignment_no_clash ON matching_assignment;
DROP FUNCTION IF EXISTS matching_requestslot_no_clash();
DROP FUNCTION IF EXISTS matching_assignment_no_clash();
DROP FUNCTION IF EXISTS matching_refuse_clash(bigint);
"""


class OnPostgreSQL(migrations.RunSQL):
    """SQL run on PostgreSQL only; on SQLite the migration does nothing."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0008_request_cancel_reason_hours_rejection"),
        ("registry", "0007_polish_name_order"),
    ]

    operations = [OnPostgreSQL(CHECK, DROP)]
