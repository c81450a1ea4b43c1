-- bad-input: exit=4 code=TDG_PLAN_UNSATISFIABLE
CREATE TABLE t (
  id int PRIMARY KEY,
  code varchar(5) NOT NULL CHECK (length(code) >= 10)
);
