-- tdg schema-fuzz failure mysql-20261205 (dialect mysql)
-- Reproduce: create an empty database, run this file in it with the dialect's own client, then
--   tdg seed --db <its URL> --rows 29 --seed 18
-- or replay it: npx vitest run test/fuzz/replay.test.ts
-- Problems found:
--   tdg failed: exit 5 TDG_WRITE_FAILED: writing rows to id_2 failed: Cannot add or update a child row: a foreign key constraint fails (`tdg_fuzz_012e9a7c13`.`id_2`, CONSTRAINT `t1_fk0` FOREIGN KEY (`UPPER`) REFERENCES `id_2` (`br]acket`))
CREATE TABLE `id` (
  `id` int AUTO_INCREMENT NOT NULL,
  CONSTRAINT `t0_pk` PRIMARY KEY (`id`)
);
CREATE TABLE `id_2` (
  `id` int AUTO_INCREMENT NOT NULL,
  `br]acket` date,
  `b` int NOT NULL,
  `index` blob NOT NULL,
  `desc` point,
  `UPPER` date NOT NULL,
  `back``tick` int NOT NULL,
  CONSTRAINT `t1_pk` PRIMARY KEY (`id`),
  CONSTRAINT `t1_uq0` UNIQUE (`br]acket`),
  CONSTRAINT `t1_uq1` UNIQUE (`b`, `br]acket`),
  CONSTRAINT `t1_fu0` UNIQUE (`UPPER`),
  CONSTRAINT `t1_ck0` CHECK (`br]acket` >= '2000-01-01'),
  CONSTRAINT `t1_fk0` FOREIGN KEY (`UPPER`) REFERENCES `id_2` (`br]acket`),
  CONSTRAINT `t1_fk1` FOREIGN KEY (`back``tick`) REFERENCES `id` (`id`)
);
CREATE TABLE `br]acket` (
  `with space` int AUTO_INCREMENT NOT NULL,
  `check` int NOT NULL,
  CONSTRAINT `t2_pk` PRIMARY KEY (`with space`),
  CONSTRAINT `t2_fu0` UNIQUE (`check`),
  CONSTRAINT `t2_fk0` FOREIGN KEY (`check`) REFERENCES `br]acket` (`with space`)
);
