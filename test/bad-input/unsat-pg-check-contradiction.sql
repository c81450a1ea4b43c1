-- bad-input: exit=4 code=TDG_PLAN_UNSATISFIABLE
CREATE TABLE t (
  id int PRIMARY KEY,
  x int NOT NULL CHECK (x > 10 AND x < 5)
);
