CREATE TABLE [dbo].[t](
	[id] [int] IDENTITY(1,x) NOT NULL
)
GO
