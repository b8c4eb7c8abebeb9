-- The brand service's own table. No foreign keys point here: other services reference brands by id
-- and ask this service whether one exists.
CREATE TABLE brand (
  id         BIGINT       NOT NULL AUTO_INCREMENT,
  name       VARCHAR(120) NOT NULL,
  country    CHAR(2)      NOT NULL,
  website    VARCHAR(255) NULL,
  status     VARCHAR(16)  NOT NULL DEFAULT 'active',
  created_at DATETIME(3)  NOT NULL,
  updated_at DATETIME(3)  NOT NULL,
  version    BIGINT       NOT NULL DEFAULT 1,
  PRIMARY KEY (id),
  UNIQUE KEY uq_brand_name (name),
  KEY ix_brand_country_id (country, id),
  KEY ix_brand_status_id (status, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
