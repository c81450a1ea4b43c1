CREATE TABLE `t` (
  note VARCHAR(20) DEFAULT 'unterminated
) ENGINE=InnoDB;
