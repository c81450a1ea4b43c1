-- tdg schema-fuzz failure sqlite-450594669 (dialect sqlite)
-- Reproduce: create an empty database, run this file in it with the dialect's own client, then
--   tdg seed --db <its URL> --rows 1 --seed 0
-- or replay it: npx vitest run test/fuzz/replay.test.ts
-- Problems found:
--   tdg failed: exit 5 TDG_WRITE_FAILED: insert into id_3 failed: NOT NULL constraint failed: id_3.id_2
CREATE TABLE "id" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "id_2" INT,
  CONSTRAINT "t0_fu0" UNIQUE ("id_2"),
  CONSTRAINT "t0_fk0" FOREIGN KEY ("id_2") REFERENCES "id" ("id")
);
CREATE TABLE "id_2" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT
);
CREATE TABLE "id_3" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "id_2" INT NOT NULL,
  CONSTRAINT "t2_fk0" FOREIGN KEY ("id_2") REFERENCES "id" ("id_2")
);
CREATE TABLE "id_4" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT
);
