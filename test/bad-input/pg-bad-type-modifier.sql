CREATE TABLE t (
  a varchar(abc)
);
