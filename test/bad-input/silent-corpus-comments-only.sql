-- bad-input: exit=2|4 dependsOn=§2
-- Only comments: nothing to generate must not be a silent success.
-- CREATE TABLE t (id int PRIMARY KEY);
/* CREATE TABLE u (id int); */
