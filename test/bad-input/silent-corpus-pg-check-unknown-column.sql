-- bad-input: exit=2|4 dependsOn=§2
-- A CHECK naming a column that does not exist.
CREATE TABLE t (
  id int PRIMARY KEY,
  x int NOT NULL,
  CHECK (nosuch > 0)
);
