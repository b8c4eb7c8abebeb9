-- The stats service's own tables: every sale once (event_id makes ingestion idempotent), and rollups
-- maintained in the same transaction, so a statistic reads O(days x keys), never O(sales).
CREATE TABLE sale (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  event_id    VARCHAR(64)   NOT NULL,
  product_id  BIGINT        NOT NULL,
  store_id    BIGINT        NOT NULL,
  brand_id    BIGINT        NOT NULL,
  quantity    INT           NOT NULL,
  unit_price  DECIMAL(12,2) NOT NULL,
  amount      DECIMAL(14,2) NOT NULL,
  currency    CHAR(3)       NOT NULL,
  sold_at     DATETIME(3)   NOT NULL,
  received_at DATETIME(3)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_sale_event (event_id),
  KEY ix_sale_brand (brand_id, id),
  KEY ix_sale_product (product_id, id),
  KEY ix_sale_store (store_id, id),
  KEY ix_sale_sold_at (sold_at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per day and brand (and currency): summaries, brand series, top brands.
CREATE TABLE brand_daily (
  day      DATE          NOT NULL,
  brand_id BIGINT        NOT NULL,
  currency CHAR(3)       NOT NULL,
  units    BIGINT        NOT NULL,
  revenue  DECIMAL(20,2) NOT NULL,
  orders   BIGINT        NOT NULL,
  PRIMARY KEY (currency, day, brand_id),
  KEY ix_brand_daily_brand (brand_id, currency, day)
) ENGINE = InnoDB;

-- One row per day and product: product series, top products.
CREATE TABLE product_daily (
  day        DATE          NOT NULL,
  product_id BIGINT        NOT NULL,
  currency   CHAR(3)       NOT NULL,
  units      BIGINT        NOT NULL,
  revenue    DECIMAL(20,2) NOT NULL,
  orders     BIGINT        NOT NULL,
  PRIMARY KEY (currency, day, product_id),
  KEY ix_product_daily_product (product_id, currency, day)
) ENGINE = InnoDB;

-- One row per day and store: store series, top stores.
CREATE TABLE store_daily (
  day      DATE          NOT NULL,
  store_id BIGINT        NOT NULL,
  currency CHAR(3)       NOT NULL,
  units    BIGINT        NOT NULL,
  revenue  DECIMAL(20,2) NOT NULL,
  orders   BIGINT        NOT NULL,
  PRIMARY KEY (currency, day, store_id),
  KEY ix_store_daily_store (store_id, currency, day)
) ENGINE = InnoDB;
