-- The store service's own table: physical shops and online channels where sales happen.
CREATE TABLE store (
  id         BIGINT       NOT NULL AUTO_INCREMENT,
  code       VARCHAR(32)  NOT NULL,
  name       VARCHAR(120) NOT NULL,
  city       VARCHAR(80)  NOT NULL,
  country    CHAR(2)      NOT NULL,
  channel    VARCHAR(16)  NOT NULL,
  status     VARCHAR(16)  NOT NULL DEFAULT 'active',
  created_at DATETIME(3)  NOT NULL,
  updated_at DATETIME(3)  NOT NULL,
  version    BIGINT       NOT NULL DEFAULT 1,
  PRIMARY KEY (id),
  UNIQUE KEY uq_store_code (code),
  KEY ix_store_country_id (country, id),
  KEY ix_store_city_id (city, id),
  KEY ix_store_status_id (status, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
