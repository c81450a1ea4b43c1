-- tdg schema-fuzz failure mysql-450594669 (dialect mysql)
-- Reproduce: create an empty database, run this file in it with the dialect's own client, then
--   tdg seed --db <its URL> --rows 11 --seed 966432
-- or replay it: npx vitest run test/fuzz/replay.test.ts
-- Problems found:
--   tdg failed: exit 5 TDG_WRITE_FAILED: writing rows to code failed: Column set to default value; NULL supplied to NOT NULL column 'created' at row 1
CREATE TABLE `id` (
  `id` int AUTO_INCREMENT NOT NULL,
  CONSTRAINT `t0_pk` PRIMARY KEY (`id`)
);
CREATE TABLE `id_2` (
  `end` int NOT NULL,
  `semi;colon` smallint NOT NULL,
  `a` uuid NOT NULL,
  `br]acket` int,
  `[br` smallint,
  `a_2` int,
  `b` smallint,
  `name` int,
  CONSTRAINT `t1_pk` PRIMARY KEY (`end`, `semi;colon`),
  CONSTRAINT `t1_fu0` UNIQUE (`br]acket`, `[br`),
  CONSTRAINT `t1_fk0` FOREIGN KEY (`br]acket`, `[br`) REFERENCES `id_2` (`end`, `semi;colon`),
  CONSTRAINT `t1_fk1` FOREIGN KEY (`a_2`, `b`) REFERENCES `id_2` (`end`, `semi;colon`)
);
CREATE TABLE `code` (
  `desc` int AUTO_INCREMENT NOT NULL,
  `created` int NOT NULL,
  `ref` smallint NOT NULL,
  CONSTRAINT `t2_pk` PRIMARY KEY (`desc`),
  CONSTRAINT `t2_fu0` UNIQUE (`created`, `ref`),
  CONSTRAINT `t2_fk0` FOREIGN KEY (`created`, `ref`) REFERENCES `id_2` (`br]acket`, `[br`)
);
CREATE TABLE `name` (
  `owner` int NOT NULL,
  `where` varchar(12) NOT NULL,
  `id` boolean NOT NULL DEFAULT 1,
  `table` bigint,
  `läng_ñame_läng_ñame_läng_ñame_läng_ñame_läng_ñame_läng_ñame_läng` varchar(129) NOT NULL,
  `x1` int NOT NULL,
  `kind` smallint NOT NULL,
  `quote"d` int NOT NULL,
  `apo'strophe` smallint NOT NULL,
  CONSTRAINT `t3_pk` PRIMARY KEY (`owner`, `where`),
  CONSTRAINT `t3_uq0` UNIQUE (`läng_ñame_läng_ñame_läng_ñame_läng_ñame_läng_ñame_läng_ñame_läng`),
  CONSTRAINT `t3_fu0` UNIQUE (`x1`, `kind`),
  CONSTRAINT `t3_fu1` UNIQUE (`quote"d`, `apo'strophe`),
  CONSTRAINT `t3_ck0` CHECK (`table` >= 642),
  CONSTRAINT `t3_fk0` FOREIGN KEY (`x1`, `kind`) REFERENCES `id_2` (`end`, `semi;colon`),
  CONSTRAINT `t3_fk1` FOREIGN KEY (`quote"d`, `apo'strophe`) REFERENCES `code` (`created`, `ref`)
);
ALTER TABLE `id_2` ADD CONSTRAINT `t1_fk2` FOREIGN KEY (`name`) REFERENCES `code` (`desc`);
