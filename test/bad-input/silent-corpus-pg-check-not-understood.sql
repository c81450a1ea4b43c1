-- bad-input: exit=4 dependsOn=§2
-- A CHECK tdg cannot understand must be refused before writing (no rule covers the column).
CREATE TABLE t (
  id int PRIMARY KEY,
  code text NOT NULL CHECK (md5(code) LIKE 'a%')
);
