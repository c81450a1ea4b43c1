-- The start-up benchmark's schema (bench/startup.ts): 20 tables joined by foreign keys, in DDL that
-- both SQLite and PostgreSQL accept, so `tdg seed --rows 1` measures the fixed cost of a seed
-- (start-up, connect, introspect, plan) rather than the load.
CREATE TABLE regions (id integer PRIMARY KEY, name varchar(60) NOT NULL UNIQUE);
CREATE TABLE countries (id integer PRIMARY KEY, region_id integer NOT NULL REFERENCES regions (id), code char(2) NOT NULL UNIQUE, name varchar(80) NOT NULL);
CREATE TABLE cities (id integer PRIMARY KEY, country_id integer NOT NULL REFERENCES countries (id), name varchar(80) NOT NULL, population integer CHECK (population >= 0));
CREATE TABLE companies (id integer PRIMARY KEY, city_id integer REFERENCES cities (id), name varchar(120) NOT NULL, website varchar(200), founded date);
CREATE TABLE departments (id integer PRIMARY KEY, company_id integer NOT NULL REFERENCES companies (id), name varchar(80) NOT NULL, budget numeric(12,2));
CREATE TABLE employees (id integer PRIMARY KEY, department_id integer NOT NULL REFERENCES departments (id), manager_id integer REFERENCES employees (id), first_name varchar(40) NOT NULL, last_name varchar(40) NOT NULL, email varchar(120) NOT NULL UNIQUE, hired_at timestamp NOT NULL, salary numeric(10,2) NOT NULL CHECK (salary > 0));
CREATE TABLE customers (id integer PRIMARY KEY, city_id integer NOT NULL REFERENCES cities (id), email varchar(120) NOT NULL UNIQUE, first_name varchar(40) NOT NULL, last_name varchar(40) NOT NULL, phone varchar(30), created_at timestamp NOT NULL, is_active boolean NOT NULL);
CREATE TABLE addresses (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id), street varchar(120) NOT NULL, postal_code varchar(12) NOT NULL, city_id integer NOT NULL REFERENCES cities (id));
CREATE TABLE suppliers (id integer PRIMARY KEY, company_id integer NOT NULL REFERENCES companies (id), rating smallint CHECK (rating BETWEEN 1 AND 5));
CREATE TABLE categories (id integer PRIMARY KEY, parent_id integer REFERENCES categories (id), name varchar(60) NOT NULL);
CREATE TABLE products (id integer PRIMARY KEY, category_id integer NOT NULL REFERENCES categories (id), supplier_id integer REFERENCES suppliers (id), sku varchar(20) NOT NULL UNIQUE, name varchar(120) NOT NULL, price numeric(10,2) NOT NULL CHECK (price >= 0), description text);
CREATE TABLE warehouses (id integer PRIMARY KEY, city_id integer NOT NULL REFERENCES cities (id), name varchar(80) NOT NULL);
CREATE TABLE stock (warehouse_id integer NOT NULL REFERENCES warehouses (id), product_id integer NOT NULL REFERENCES products (id), quantity integer NOT NULL CHECK (quantity >= 0), PRIMARY KEY (warehouse_id, product_id));
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id), employee_id integer REFERENCES employees (id), status varchar(12) NOT NULL CHECK (status IN ('new', 'paid', 'shipped', 'cancelled')), ordered_at timestamp NOT NULL, total numeric(12,2) NOT NULL);
CREATE TABLE order_items (order_id integer NOT NULL REFERENCES orders (id), line_no smallint NOT NULL CHECK (line_no > 0), product_id integer NOT NULL REFERENCES products (id), quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 99), unit_price numeric(10,2) NOT NULL, PRIMARY KEY (order_id, line_no));
CREATE TABLE payments (id integer PRIMARY KEY, order_id integer NOT NULL REFERENCES orders (id), amount numeric(12,2) NOT NULL, paid_at timestamp NOT NULL, method varchar(20) NOT NULL);
CREATE TABLE shipments (id integer PRIMARY KEY, order_id integer NOT NULL REFERENCES orders (id), warehouse_id integer NOT NULL REFERENCES warehouses (id), shipped_at timestamp, tracking varchar(40) UNIQUE);
CREATE TABLE reviews (id integer PRIMARY KEY, product_id integer NOT NULL REFERENCES products (id), customer_id integer NOT NULL REFERENCES customers (id), stars smallint NOT NULL CHECK (stars BETWEEN 1 AND 5), body text, created_at timestamp NOT NULL);
CREATE TABLE tickets (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id), order_id integer REFERENCES orders (id), assignee_id integer REFERENCES employees (id), subject varchar(200) NOT NULL, opened_at timestamp NOT NULL, closed_at timestamp);
CREATE TABLE ticket_notes (id integer PRIMARY KEY, ticket_id integer NOT NULL REFERENCES tickets (id), author_id integer REFERENCES employees (id), note text NOT NULL, created_at timestamp NOT NULL);
