-- tdg schema-fuzz failure mysql-4242 (dialect mysql)
-- Reproduce: create an empty database, run this file in it with the dialect's own client, then
--   tdg seed --db <its URL> --rows 1 --seed 0
-- or replay it: npx vitest run test/fuzz/replay.test.ts
-- Problems found:
--   tdg failed: exit 5 TDG_WRITE_FAILED: writing rows to id failed: CONSTRAINT `t0_ck0` failed for `tdg_fuzz_a3182bed8e`.`id`
CREATE TABLE `id` (
  `id` int AUTO_INCREMENT NOT NULL,
  `apo'strophe` varchar(4),
  CONSTRAINT `t0_pk` PRIMARY KEY (`id`),
  CONSTRAINT `t0_ck0` CHECK (`apo'strophe` IN ('red', 'it''s'))
);
