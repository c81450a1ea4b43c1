CREATE TABLE `people` (
  id INT PRIMARY KEY,
  gender ENUM(M, F) NOT NULL
) ENGINE=InnoDB;
