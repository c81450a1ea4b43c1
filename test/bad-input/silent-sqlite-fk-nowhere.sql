-- SQLite accepts REFERENCES to a table that does not exist; a NOT NULL FK into it is refused (exit 4).
CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES nosuch (id));
