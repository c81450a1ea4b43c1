-- bad-input: exit=4 code=TDG_PLAN_UNSATISFIABLE
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE t (
  id int PRIMARY KEY,
  m mood NOT NULL CHECK (m = 'angry')
);
