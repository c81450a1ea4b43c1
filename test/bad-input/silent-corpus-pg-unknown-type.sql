-- bad-input: exit=4 dependsOn=§2
-- A NOT NULL column of a type tdg cannot generate must be refused, not filled with NULLs.
CREATE TABLE t (
  id int PRIMARY KEY,
  x frobnicate NOT NULL
);
