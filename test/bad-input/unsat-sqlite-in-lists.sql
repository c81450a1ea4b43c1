-- bad-input: exit=4 code=TDG_PLAN_UNSATISFIABLE dialect=sqlite
CREATE TABLE t (
  id INTEGER PRIMARY KEY,
  x TEXT NOT NULL CHECK (x IN ('a', 'b')) CHECK (x IN ('c'))
);
