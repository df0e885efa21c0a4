-- The outbox reader is woken by the writing process after its commit, not by NOTIFY (decision 021):
-- a transaction that has sent a NOTIFY holds a lock of the whole cluster from its commit until the
-- end of the commit, so every writer of events committed one after the other.
DROP TRIGGER IF EXISTS events_notify ON events;--> statement-breakpoint
DROP FUNCTION IF EXISTS stoa_events_notify();
