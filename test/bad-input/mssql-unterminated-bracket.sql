CREATE TABLE [dbo].[t] (
	[a] int NOT NULL,
	[b nvarchar(10) NULL
)
GO
