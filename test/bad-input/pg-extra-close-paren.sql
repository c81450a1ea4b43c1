CREATE TABLE t (
  id int PRIMARY KEY,
  price numeric(10,2)) NOT NULL
);
