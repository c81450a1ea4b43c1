-- tdg schema-fuzz failure sqlite-20261206 (dialect sqlite)
-- Reproduce: create an empty database, run this file in it with the dialect's own client, then
--   tdg seed --db <its URL> --rows 11 --seed 220424
-- or replay it: npx vitest run test/fuzz/replay.test.ts
-- Problems found:
--   tdg failed: exit 5 TDG_WRITE_FAILED: commit failed, the transaction was rolled back: FOREIGN KEY constraint failed
CREATE TABLE "id" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT
);
CREATE TABLE "index" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "id_2" SMALLINT,
  "limit" VARCHAR(16),
  "per%cent" UUID,
  "b" VARCHAR(16) NOT NULL,
  CONSTRAINT "t1_uq0" UNIQUE ("id_2"),
  CONSTRAINT "t1_fu0" UNIQUE ("limit"),
  CONSTRAINT "t1_fu1" UNIQUE ("per%cent"),
  CONSTRAINT "t1_ck0" CHECK ("id_2" IS NULL OR ("id_2" < 748 OR "id_2" > 1497)),
  CONSTRAINT "t1_fk0" FOREIGN KEY ("limit") REFERENCES "id_2" ("order"),
  CONSTRAINT "t1_fk1" FOREIGN KEY ("per%cent") REFERENCES "[br" ("name"),
  CONSTRAINT "t1_fk2" FOREIGN KEY ("b") REFERENCES "index" ("limit")
);
CREATE TABLE "[br" (
  "name" UUID NOT NULL,
  "index" VARCHAR(229) NOT NULL,
  CONSTRAINT "t2_pk" PRIMARY KEY ("name"),
  CONSTRAINT "t2_uq0" UNIQUE ("index")
);
CREATE TABLE "id_2" (
  "order" VARCHAR(16) NOT NULL,
  "limit" JSON,
  "limit_2" TIME,
  "amount" DEFAULT 42,
  "order_2" BLOB,
  "parent" TEXT NOT NULL,
  "x1" BOOLEAN DEFAULT 1,
  "semi;colon" UUID NOT NULL,
  "日本語の表" INT NOT NULL,
  CONSTRAINT "t3_pk" PRIMARY KEY ("order"),
  CONSTRAINT "t3_uq0" UNIQUE ("parent"),
  CONSTRAINT "t3_fu1" UNIQUE ("日本語の表"),
  CONSTRAINT "t3_ck1" CHECK ("parent" NOT LIKE '%q%'),
  CONSTRAINT "t3_fk0" FOREIGN KEY ("semi;colon") REFERENCES "[br" ("name"),
  CONSTRAINT "t3_fk1" FOREIGN KEY ("日本語の表") REFERENCES "index" ("id")
);
