-- The source database's sample schema and the user the Debezium source reads the binlog with.
CREATE DATABASE demoDatabase;
CREATE TABLE demoDatabase.demoTable (name VARCHAR(20) NOT NULL PRIMARY KEY, sex VARCHAR(10), age INT);
INSERT INTO demoDatabase.demoTable VALUES ('xiaoming', 'man', 10), ('xiaohong', 'woman', 12);

CREATE USER 'binlogfc'@'%' IDENTIFIED BY 'binlogfc-secret';
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT, LOCK TABLES ON *.* TO 'binlogfc'@'%';
