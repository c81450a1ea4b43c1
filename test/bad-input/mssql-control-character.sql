CREATE TABLE [dbo].[t] (
  [a] int NULL
)
GO
