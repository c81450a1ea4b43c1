CREATE TABLE [dbo].[Orders](
	[OrderID] [int] IDENTITY(1,1) NOT NULL
	[CustomerID] [nchar](5) NULL
) ON [PRIMARY]
GO
