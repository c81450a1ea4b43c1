-- tdg schema-fuzz failure mysql-40 (dialect mysql)
-- Reproduce: create an empty database, run this file in it with the dialect's own client, then
--   tdg seed --db <its URL> --rows 1 --seed 0
-- or replay it: npx vitest run test/fuzz/replay.test.ts
-- Problems found:
--   tdg failed: exit 5 TDG_WRITE_FAILED: writing rows to id failed: Incorrect inet6 value: … for column `tdg_fuzz_7259393629`.`id`.`id_2` at row 1
CREATE TABLE `id` (
  `id` int AUTO_INCREMENT NOT NULL,
  `id_2` inet6,
  CONSTRAINT `t0_pk` PRIMARY KEY (`id`)
);
