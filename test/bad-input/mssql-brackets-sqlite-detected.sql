CREATE TABLE [Artist] (
  [ArtistId] INTEGER NOT NULL,
  [Name] NVARCHAR(120)
  CONSTRAINT [PK_Artist] PRIMARY KEY ([ArtistId])
);
