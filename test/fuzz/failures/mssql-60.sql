-- tdg schema-fuzz failure mssql-60 (dialect mssql)
-- Reproduce: create an empty database, run this file in it with the dialect's own client, then
--   tdg plan --schema mssql-60.sql --dialect mssql --rows 1 --seed 0
-- or replay it: npx vitest run test/fuzz/replay.test.ts
-- Problems found:
--   plan failed: TdgError: CHECK bounds of dbo.id.id_2 leave no value
--       at narrow (/work/wt/fuzz/src/plan/ranges.ts:51:22)
--       at numberRange (/work/wt/fuzz/src/plan/ranges.ts:75:20)
--       at <anonymous> (/work/wt/fuzz/src/plan/type-generator.ts:63:20)
--       at with (/work/main/node_modules/ts-pattern/src/match.ts:87:18)
--       at byType (/work/wt/fuzz/src/plan/type-generator.ts:58:6)
--       at chooseGenerator (/work/wt/fuzz/src/plan/type-generator.ts:45:10)
--       at <anonymous> (/work/wt/fuzz/src/plan/build-plan.ts:208:20)
--       at Array.map (<anonymous>)
--       at draft (/work/wt/fuzz/src/plan/build-plan.ts:177:48)
--       at buildPlan (/work/wt/fuzz/src/plan/build-plan.ts:75:44)
CREATE TABLE [id] (
  [id] int IDENTITY(1,1) NOT NULL,
  [id_2] decimal(18,13),
  CONSTRAINT [t0_pk] PRIMARY KEY ([id]),
  CONSTRAINT [t0_ck0] CHECK ([id_2] >= 100)
);
GO
CREATE TABLE [id_2] (
  [id] int IDENTITY(1,1) NOT NULL,
  CONSTRAINT [t1_pk] PRIMARY KEY ([id])
);
GO
