CREATE TABLE `orders` (
  id INT PRIMARY KEY,
  customer_id INT, FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE=InnoDB;
