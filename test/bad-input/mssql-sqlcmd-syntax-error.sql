:setvar DatabaseName "Shop"
:on error exit
USE [$(DatabaseName)];
GO
CREATE TABLE [dbo].[Orders] ([OrderID] [int] IDENTITY(1,1) NOT NULL,, [Total] [money] NULL)
GO
