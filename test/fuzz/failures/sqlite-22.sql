-- tdg schema-fuzz failure sqlite-22 (dialect sqlite)
-- Reproduce: create an empty database, run this file in it with the dialect's own client, then
--   tdg seed --db <its URL> --rows 2 --seed 999993
-- or replay it: npx vitest run test/fuzz/replay.test.ts
-- Problems found:
--   tdg failed: exit 5 TDG_WRITE_FAILED: insert into Ω≈ç√ failed: FOREIGN KEY constraint failed
CREATE TABLE "id" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "id_2" UUID,
  CONSTRAINT "t0_fk0" FOREIGN KEY ("id_2") REFERENCES "Ω≈ç√" ("dot.ted")
);
CREATE TABLE "column" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "id_2" INT,
  CONSTRAINT "t1_fu0" UNIQUE ("id_2"),
  CONSTRAINT "t1_fk0" FOREIGN KEY ("id_2") REFERENCES "id" ("id")
);
CREATE TABLE "id_2" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "user" INT,
  "order" INT,
  CONSTRAINT "t2_fk0" FOREIGN KEY ("user") REFERENCES "id_2" ("id"),
  CONSTRAINT "t2_fk1" FOREIGN KEY ("order") REFERENCES "a" ("kind")
);
CREATE TABLE "a" (
  "kind" INT NOT NULL,
  CONSTRAINT "t3_pk" PRIMARY KEY ("kind")
);
CREATE TABLE "Ω≈ç√" (
  "dot.ted" UUID NOT NULL,
  "MixedCase" UUID,
  "key" INT,
  "ref" INT,
  CONSTRAINT "t4_pk" PRIMARY KEY ("dot.ted"),
  CONSTRAINT "t4_fu0" UNIQUE ("MixedCase"),
  CONSTRAINT "t4_fu2" UNIQUE ("ref"),
  CONSTRAINT "t4_fk0" FOREIGN KEY ("MixedCase") REFERENCES "Ω≈ç√" ("dot.ted"),
  CONSTRAINT "t4_fk1" FOREIGN KEY ("key") REFERENCES "column" ("id_2"),
  CONSTRAINT "t4_fk2" FOREIGN KEY ("ref") REFERENCES "id" ("id")
);
