INSERT [dbo].[t] VALUES ($12.00)
GO
CREATE TABLE [dbo].[t] ([a] int NULL)
GO
? EXEC sp_help
GO
