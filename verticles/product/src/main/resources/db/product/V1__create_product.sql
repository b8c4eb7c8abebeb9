-- The product service's own table. brand_id references a brand by id only: no foreign key, since
-- brands live in another service's database; the product service asks the brand service instead.
CREATE TABLE product (
  id         BIGINT        NOT NULL AUTO_INCREMENT,
  brand_id   BIGINT        NOT NULL,
  sku        VARCHAR(64)   NOT NULL,
  name       VARCHAR(160)  NOT NULL,
  category   VARCHAR(80)   NOT NULL,
  price      DECIMAL(12,2) NOT NULL,
  currency   CHAR(3)       NOT NULL,
  status     VARCHAR(16)   NOT NULL DEFAULT 'active',
  created_at DATETIME(3)   NOT NULL,
  updated_at DATETIME(3)   NOT NULL,
  version    BIGINT        NOT NULL DEFAULT 1,
  PRIMARY KEY (id),
  UNIQUE KEY uq_product_sku (sku),
  KEY ix_product_brand_id (brand_id, id),
  KEY ix_product_category_id (category, id),
  KEY ix_product_status_id (status, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
