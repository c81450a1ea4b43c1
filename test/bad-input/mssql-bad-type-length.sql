CREATE TABLE [dbo].[t](
	[id] [int] NOT NULL,
	[name] [nvarchar](abc) NOT NULL
) ON [PRIMARY]
GO
