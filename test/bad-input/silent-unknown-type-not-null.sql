-- A NOT NULL column of a type tdg cannot generate (a composite type), no DEFAULT: refused (exit 4).
CREATE TYPE pair AS (a integer, b text);
CREATE TABLE holder (id integer PRIMARY KEY, p pair NOT NULL);
