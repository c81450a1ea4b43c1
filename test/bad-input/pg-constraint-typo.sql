CREATE TABLE t (
  id int PRIMRY KEY
);
