-- utf8mb4_unicode_ci gives every character outside the Basic Multilingual Plane the same weight, so
-- "😀" and "😁" collided as one name. UCA 5.2.0 weights them apart and stays case-insensitive; it is
-- available on MariaDB and MySQL alike.
ALTER TABLE brand MODIFY name VARCHAR(120) NOT NULL COLLATE utf8mb4_unicode_520_ci;
