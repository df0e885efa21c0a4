-- Wakes the real-time dispatcher when events are written (decision 013). Statement-level: one
-- notification per inserting statement; PostgreSQL delivers it at commit and folds duplicates
-- within a transaction. The payload is empty: the dispatcher reads the outbox in id order.
CREATE OR REPLACE FUNCTION stoa_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('stoa_events', '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_notify AFTER INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION stoa_events_notify();
