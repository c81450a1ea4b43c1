-- tdg schema-fuzz failure sqlite-1 (dialect sqlite)
-- Reproduce: create an empty database, run this file in it with the dialect's own client, then
--   tdg seed --db <its URL> --rows 1 --seed 0
-- or replay it: npx vitest run test/fuzz/replay.test.ts
-- Problems found:
--   id.id_2 not a timestamp: 1 offending row(s)
CREATE TABLE "id" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "id_2" TIMESTAMPTZ
);
CREATE TABLE "id_2" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT
);
