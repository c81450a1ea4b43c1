CREATE TABLE [dbo].[t](
	[id] [int] IDENTITY(1,1) NOT NULL,
	[name] [nvarchar](40) NOT NULL DEFAULT ('abc
) ON [PRIMARY]
GO
