-- bad-input: exit=4 code=TDG_PLAN_UNSATISFIABLE
CREATE TABLE t (
  id smallint PRIMARY KEY,
  flag boolean NOT NULL UNIQUE,
  x int NOT NULL CHECK (x < 0 AND x > 0)
);
