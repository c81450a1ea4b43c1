CREAT TABLE t (a int);
