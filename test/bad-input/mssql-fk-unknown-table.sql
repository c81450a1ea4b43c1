CREATE TABLE [dbo].[Orders]([OrderID] [int] NOT NULL, [CustomerID] [nchar](5) NULL)
GO
ALTER TABLE [dbo].[Orders]  WITH CHECK ADD  CONSTRAINT [FK_Orders_Customers] FOREIGN KEY([CustomerID])
REFERENCES [dbo].[Customers] ([CustomerID])
GO
