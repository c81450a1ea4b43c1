-- Schema for the silent-rules cases: an inline CHECK, a table CHECK, a disjunction, exact-number columns.
CREATE TABLE reading (
  id integer PRIMARY KEY,
  score integer NOT NULL CHECK (score BETWEEN 1 AND 99),
  grade integer NOT NULL,
  code varchar(10) CHECK (code IS NULL OR code LIKE 'A%' OR code LIKE 'B%'),
  big bigint NOT NULL,
  amount numeric(38,10) NOT NULL,
  CONSTRAINT reading_grade CHECK (grade >= 1 AND grade <= 5)
);
