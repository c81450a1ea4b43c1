CREATE TABLE t (id int PRIMARY KEY);
this is not sql at all;
