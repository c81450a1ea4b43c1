-- bad-input: exit=4 code=TDG_PLAN_UNSATISFIABLE
CREATE TABLE [dbo].[t](
	[id] [int] IDENTITY(1,1) NOT NULL,
	[x] [int] NOT NULL,
	CONSTRAINT [CK_t_x] CHECK ([x] > 100 AND [x] < 0)
) ON [PRIMARY]
GO
