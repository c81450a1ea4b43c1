CREATE TABLE [dbo].[Prices] (
  [Id] int NOT NULL PRIMARY KEY,
  [Price] money NOT NULL DEFAULT $12.00 $13
)
GO
