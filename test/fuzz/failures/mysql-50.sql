-- tdg schema-fuzz failure mysql-50 (dialect mysql)
-- Reproduce: create an empty database, run this file in it with the dialect's own client, then
--   tdg seed --db <its URL> --rows 2 --seed 727652
-- or replay it: npx vitest run test/fuzz/replay.test.ts
-- Problems found:
--   tdg failed: exit 5 TDG_WRITE_FAILED: writing rows to id failed: Incorrect integer value: … for column `tdg_fuzz_ab772648b3`.`id`.`check` at row 1
CREATE TABLE `id` (
  `check` year NOT NULL DEFAULT 2024
);
