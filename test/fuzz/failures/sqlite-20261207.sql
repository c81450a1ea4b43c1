-- tdg schema-fuzz failure sqlite-20261207 (dialect sqlite)
-- Reproduce: create an empty database, run this file in it with the dialect's own client, then
--   tdg seed --db <its URL> --rows 1 --seed 0
-- or replay it: npx vitest run test/fuzz/replay.test.ts
-- Problems found:
--   tdg failed: exit 5 TDG_WRITE_FAILED: insert into id failed: CHECK constraint failed: t0_ck0
CREATE TABLE "id" (
  "key" INT NOT NULL,
  "id" INT,
  CONSTRAINT "t0_pk" PRIMARY KEY ("key"),
  CONSTRAINT "t0_uq0" UNIQUE ("id"),
  CONSTRAINT "t0_ck0" CHECK ("key" < "id")
);
