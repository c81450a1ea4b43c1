CREATE TABLE [Person].[Person] (
  [Id] int NOT NULL,
  [Info] [xml](CONTENT [Person].[InfoCollection] NULL
)
GO
