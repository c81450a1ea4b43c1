-- tdg schema-fuzz failure sqlite-21 (dialect sqlite)
-- Reproduce: create an empty database, run this file in it with the dialect's own client, then
--   tdg seed --db <its URL> --rows 1 --seed 0
-- or replay it: npx vitest run test/fuzz/replay.test.ts
-- Problems found:
--   tdg failed: exit 5 TDG_WRITE_FAILED: insert into id_2 failed: FOREIGN KEY constraint failed
CREATE TABLE "id" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "id_2" INT,
  CONSTRAINT "t0_fu0" UNIQUE ("id_2"),
  CONSTRAINT "t0_fk0" FOREIGN KEY ("id_2") REFERENCES "id_2" ("id")
);
CREATE TABLE "id_2" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "id_2" INT,
  CONSTRAINT "t1_fk0" FOREIGN KEY ("id_2") REFERENCES "id" ("id_2")
);
