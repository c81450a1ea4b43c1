-- bad-input: exit=2|4 dependsOn=§2 dialect=sqlite
-- SQLite accepts REFERENCES to a table that does not exist; tdg must not write FK values pointing nowhere.
CREATE TABLE c (
  id INTEGER PRIMARY KEY,
  p_id INTEGER NOT NULL REFERENCES nosuch (id)
);
