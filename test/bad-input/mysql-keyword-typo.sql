CREAT TABLE `t` (id INT);
