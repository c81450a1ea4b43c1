-- tdg schema-fuzz failure mysql-450594670 (dialect mysql)
-- Reproduce: create an empty database, run this file in it with the dialect's own client, then
--   tdg seed --db <its URL> --rows 5 --seed 224154
-- or replay it: npx vitest run test/fuzz/replay.test.ts
-- Problems found:
--   tdg failed: exit 4 TDG_PLAN_UNSATISFIABLE: ref.parent is a NOT NULL foreign key to id.1digit, which tdg leaves NULL (FK → ref.created: NULL, then set by a fixup (cycle cut)): give id.1digit a rule
CREATE TABLE `id` (
  `id` time NOT NULL DEFAULT '12:34:56',
  `code` smallint,
  `1digit` smallint,
  CONSTRAINT `t0_fu0` UNIQUE (`code`),
  CONSTRAINT `t0_fu1` UNIQUE (`1digit`)
);
CREATE TABLE `created` (
  `ref` bigint AUTO_INCREMENT NOT NULL,
  CONSTRAINT `t1_pk` PRIMARY KEY (`ref`)
);
CREATE TABLE `ref` (
  `amount` int NOT NULL,
  `score` smallint NOT NULL,
  `created` smallint NOT NULL,
  `parent` smallint NOT NULL,
  `name` smallint,
  `x1` smallint,
  CONSTRAINT `t2_pk` PRIMARY KEY (`amount`, `score`),
  CONSTRAINT `t2_uq0` UNIQUE (`created`),
  CONSTRAINT `t2_fu0` UNIQUE (`parent`),
  CONSTRAINT `t2_fu1` UNIQUE (`name`),
  CONSTRAINT `t2_fk0` FOREIGN KEY (`parent`) REFERENCES `id` (`1digit`),
  CONSTRAINT `t2_fk1` FOREIGN KEY (`name`) REFERENCES `id` (`code`),
  CONSTRAINT `t2_fk2` FOREIGN KEY (`x1`) REFERENCES `ref` (`name`)
);
ALTER TABLE `id` ADD CONSTRAINT `t0_fk0` FOREIGN KEY (`code`) REFERENCES `ref` (`created`);
ALTER TABLE `id` ADD CONSTRAINT `t0_fk1` FOREIGN KEY (`1digit`) REFERENCES `ref` (`created`);
