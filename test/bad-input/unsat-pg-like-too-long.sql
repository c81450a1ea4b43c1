-- bad-input: exit=4 code=TDG_PLAN_UNSATISFIABLE
CREATE TABLE t (
  id int PRIMARY KEY,
  code varchar(3) NOT NULL CHECK (code LIKE 'ABCDEF%')
);
