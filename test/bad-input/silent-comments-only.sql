-- bad-input: exit=2 code=TDG_DDL_PARSE
-- Only comments: no table to generate (exit 2, "no tables in FILE").
/* CREATE TABLE commented_out (id int); */
