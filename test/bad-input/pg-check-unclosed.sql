CREATE TABLE t (
  id int PRIMARY KEY,
  x int NOT NULL CHECK (x IN (1, 2)
);
