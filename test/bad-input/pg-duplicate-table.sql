CREATE TABLE t (a integer PRIMARY KEY);
CREATE TABLE t (b integer);
