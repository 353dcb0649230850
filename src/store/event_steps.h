// The events module's schema steps (model/events.h owns the layout; store/migrations.cpp lists
// every step in order): the event id mark and the clustered event rows. Never edit a shipped
// step; append one.
#pragma once

namespace edgetally {

// Event ids (model/events.h ReserveEventIds): the highest id ever handed out, kept in the
// transaction of every insert into events, so ids stay unique after archival removed the
// events with the highest ids (SQLite would hand out max(id) + 1 again). Stores written before
// never archived their newest event, so the largest hot id is the largest ever given.
inline constexpr const char* kStepEventIds = R"sql(
CREATE TABLE event_ids (id INTEGER PRIMARY KEY CHECK (id = 1), last INTEGER NOT NULL);
INSERT INTO event_ids (id, last) SELECT 1, coalesce(max(id), 0) FROM events;
)sql";

// Event rows clustered for archival and loads (model/events.h owns the layout; metrics/activity,
// archive/chunk_select and archive_store read it): event_rows is keyed (group_key, ts, id), so
// the table IS the per-group time index (one B-tree instead of a rowid table plus
// events_by_group_ts), and a group is a small integer key (event_groups) instead of its
// ~18-byte text in every row and index entry. The per-target lookup activity reads is a table
// of its own, event_targets keyed (group_key, week, target_id, ts, id) (week = ts / 604800000,
// see kStepEventLayout; only events with a target), instead of an index: archiving a chunk of a
// group's time range deletes both tables' entries in place, each as one range scan, where an
// index entry would be sought row by row. `events` stays readable and writable for SQL users
// and tests as a view with the former columns (its triggers write both tables and keep
// event_ids' mark; an insert without an id takes the next one).
inline constexpr const char* kStepEventRows = R"sql(
CREATE TABLE event_groups (group_key INTEGER PRIMARY KEY, group_id TEXT NOT NULL UNIQUE);
INSERT INTO event_groups (group_id) SELECT id FROM groups UNION SELECT group_id FROM events ORDER BY 1;
CREATE TABLE event_rows (
  group_key INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  id INTEGER NOT NULL,
  type TEXT NOT NULL,
  actor_id INTEGER,
  target_id INTEGER,
  metadata TEXT NOT NULL DEFAULT '{}',
  amount INTEGER,
  currency TEXT,
  PRIMARY KEY (group_key, ts, id)
) WITHOUT ROWID;
INSERT INTO event_rows (group_key, ts, id, type, actor_id, target_id, metadata, amount, currency)
  SELECT g.group_key, e.ts, e.id, e.type, e.actor_id, e.target_id, e.metadata, e.amount, e.currency
  FROM events e JOIN event_groups g ON g.group_id = e.group_id ORDER BY g.group_key, e.ts, e.id;
DROP TABLE events;
CREATE TABLE event_targets (
  group_key INTEGER NOT NULL,
  week INTEGER NOT NULL,
  target_id INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  id INTEGER NOT NULL,
  PRIMARY KEY (group_key, week, target_id, ts, id)
) WITHOUT ROWID;
INSERT INTO event_targets (group_key, week, target_id, ts, id)
  SELECT group_key, ts / 604800000, target_id, ts, id FROM event_rows WHERE target_id IS NOT NULL ORDER BY 1, 2, 3, 4, 5;
CREATE VIEW events (id, group_id, type, actor_id, target_id, ts, metadata, amount, currency) AS
  SELECT e.id, g.group_id, e.type, e.actor_id, e.target_id, e.ts, e.metadata, e.amount, e.currency
  FROM event_rows e JOIN event_groups g ON g.group_key = e.group_key;
CREATE TRIGGER events_insert INSTEAD OF INSERT ON events BEGIN
  UPDATE event_ids SET last = coalesce(NEW.id, last + 1) WHERE NEW.id IS NULL OR last < NEW.id;
  INSERT OR IGNORE INTO event_groups (group_id) VALUES (NEW.group_id);
  INSERT INTO event_rows (group_key, ts, id, type, actor_id, target_id, metadata, amount, currency)
    VALUES ((SELECT group_key FROM event_groups WHERE group_id = NEW.group_id), NEW.ts,
            coalesce(NEW.id, (SELECT last FROM event_ids)), NEW.type, NEW.actor_id, NEW.target_id,
            coalesce(NEW.metadata, '{}'), NEW.amount, NEW.currency);
  INSERT INTO event_targets (group_key, week, target_id, ts, id)
    SELECT group_key, NEW.ts / 604800000, NEW.target_id, NEW.ts, coalesce(NEW.id, (SELECT last FROM event_ids))
    FROM event_groups WHERE group_id = NEW.group_id AND NEW.target_id IS NOT NULL;
END;
CREATE TRIGGER events_delete INSTEAD OF DELETE ON events BEGIN
  DELETE FROM event_rows WHERE group_key = (SELECT group_key FROM event_groups WHERE group_id = OLD.group_id)
    AND ts = OLD.ts AND id = OLD.id;
  DELETE FROM event_targets WHERE group_key = (SELECT group_key FROM event_groups WHERE group_id = OLD.group_id)
    AND week = OLD.ts / 604800000 AND target_id = OLD.target_id AND ts = OLD.ts AND id = OLD.id;
END;
CREATE TRIGGER events_update INSTEAD OF UPDATE ON events BEGIN
  DELETE FROM event_rows WHERE group_key = (SELECT group_key FROM event_groups WHERE group_id = OLD.group_id)
    AND ts = OLD.ts AND id = OLD.id;
  DELETE FROM event_targets WHERE group_key = (SELECT group_key FROM event_groups WHERE group_id = OLD.group_id)
    AND week = OLD.ts / 604800000 AND target_id = OLD.target_id AND ts = OLD.ts AND id = OLD.id;
  INSERT OR IGNORE INTO event_groups (group_id) VALUES (NEW.group_id);
  INSERT INTO event_rows (group_key, ts, id, type, actor_id, target_id, metadata, amount, currency)
    VALUES ((SELECT group_key FROM event_groups WHERE group_id = NEW.group_id), NEW.ts, NEW.id, NEW.type,
            NEW.actor_id, NEW.target_id, coalesce(NEW.metadata, '{}'), NEW.amount, NEW.currency);
  INSERT INTO event_targets (group_key, week, target_id, ts, id)
    SELECT group_key, NEW.ts / 604800000, NEW.target_id, NEW.ts, NEW.id FROM event_groups
    WHERE group_id = NEW.group_id AND NEW.target_id IS NOT NULL;
  UPDATE event_ids SET last = NEW.id WHERE last < NEW.id;
END;
)sql";

}  // namespace edgetally
