-- A CHECK naming a column the table does not have (PostgreSQL's parser here does not resolve names): refused (exit 4).
CREATE TABLE gauge (id integer PRIMARY KEY, level integer, CONSTRAINT gauge_lvl CHECK (levl > 0));
