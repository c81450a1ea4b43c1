-- A small shop schema (SQLite) bundled with tdg for a first run:
--   npx tdg introspect --schema examples/shop.sql
CREATE TABLE customers (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  email       VARCHAR(120) NOT NULL UNIQUE,
  first_name  VARCHAR(40)  NOT NULL,
  last_name   VARCHAR(40)  NOT NULL,
  country     CHAR(2)      NOT NULL DEFAULT 'DE',
  tier        TEXT         NOT NULL DEFAULT 'free' CHECK (tier IN ('free', 'pro', 'enterprise')),
  referred_by INTEGER REFERENCES customers (id) ON DELETE SET NULL,
  created_at  DATETIME     NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE products (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  sku         VARCHAR(12)   NOT NULL UNIQUE CHECK (sku LIKE 'SKU-%'),
  name        VARCHAR(80)   NOT NULL,
  description TEXT,
  price       DECIMAL(10,2) NOT NULL CHECK (price >= 0),
  stock       INTEGER       NOT NULL DEFAULT 0 CHECK (stock BETWEEN 0 AND 100000)
);

CREATE TABLE orders (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  status      TEXT    NOT NULL CHECK (status IN ('new', 'paid', 'shipped', 'cancelled')),
  ordered_at  DATETIME NOT NULL,
  shipped_at  DATETIME,
  CHECK (shipped_at IS NULL OR shipped_at >= ordered_at)
);

CREATE TABLE order_items (
  order_id   INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_no    SMALLINT NOT NULL CHECK (line_no > 0),
  product_id INTEGER NOT NULL REFERENCES products (id),
  quantity   INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 99),
  unit_price DECIMAL(10,2) NOT NULL,
  PRIMARY KEY (order_id, line_no)
);

CREATE INDEX orders_by_customer ON orders (customer_id);
