CREATE TABLE t (a integer);

ALTER TABLE ONLY nope
    ADD CONSTRAINT nope_pkey PRIMARY KEY (a);
