--
-- PostgreSQL database dump
--

SET statement_timeout = 0;

CREATE TABLE public.t (
    id integer NOT NULL,
    v numeric(5,2) DEFAULT 0,,
);
