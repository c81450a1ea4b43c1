EXEC sp_addtype N'Phone', N'frobnicate(24)', N'NOT NULL'
GO
CREATE TABLE t (p Phone)
GO
