CREATE TABLE [dbo].[t]([a] [int] NOT NULL)
GO
ALTER TABLE [dbo].[t] ADD  CONSTRAINT [DF_t_b]  DEFAULT ((0)) FOR [b]
GO
