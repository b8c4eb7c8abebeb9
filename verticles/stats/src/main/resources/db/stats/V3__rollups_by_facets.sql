-- Rollups by every facet a statistic filters or ranks by, kept off the request path: ingestion only inserts
-- `sale` rows; a rollup worker folds them in by id watermark (rollup_state), in one transaction per fold.
-- Each rollup is keyed by the reporting-zone day and the currency; every key column is NOT NULL ('' when
-- a facet is unknown). The finest (roll_fine) answers any filter combination; the coarser ones answer the
-- common questions with fewer rows. Each equals GROUP BY over `sale` up to the watermark. roll_fine is read only
-- for what no coarser rollup keeps, which always names a product or a brand, or ranks products by a store's facet:
-- it has no category index (a category comes with a product, a brand or a store there).

CREATE TABLE roll_day (
  day      DATE          NOT NULL,
  currency CHAR(3)       NOT NULL,
  units    BIGINT        NOT NULL,
  revenue  DECIMAL(20,2) NOT NULL,
  orders   BIGINT        NOT NULL,
  PRIMARY KEY (day, currency)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE roll_brand (
  day      DATE          NOT NULL,
  currency CHAR(3)       NOT NULL,
  brand_id BIGINT        NOT NULL,
  units    BIGINT        NOT NULL,
  revenue  DECIMAL(20,2) NOT NULL,
  orders   BIGINT        NOT NULL,
  PRIMARY KEY (day, currency, brand_id),
  KEY ix_roll_brand_brand (brand_id, day)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE roll_store (
  day      DATE          NOT NULL,
  currency CHAR(3)       NOT NULL,
  store_id BIGINT        NOT NULL,
  country  CHAR(2)       NOT NULL,
  channel  VARCHAR(16)   NOT NULL,
  units    BIGINT        NOT NULL,
  revenue  DECIMAL(20,2) NOT NULL,
  orders   BIGINT        NOT NULL,
  PRIMARY KEY (day, currency, store_id, country, channel),
  KEY ix_roll_store_store (store_id, day),
  KEY ix_roll_store_country (country, channel, day)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE roll_product (
  day        DATE          NOT NULL,
  currency   CHAR(3)       NOT NULL,
  product_id BIGINT        NOT NULL,
  brand_id   BIGINT        NOT NULL,
  category   VARCHAR(80)   NOT NULL,
  units      BIGINT        NOT NULL,
  revenue    DECIMAL(20,2) NOT NULL,
  orders     BIGINT        NOT NULL,
  PRIMARY KEY (day, currency, product_id, brand_id, category),
  KEY ix_roll_product_product (product_id, day),
  KEY ix_roll_product_brand (brand_id, day),
  KEY ix_roll_product_category (category, day)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE roll_brand_store (
  day      DATE          NOT NULL,
  currency CHAR(3)       NOT NULL,
  brand_id BIGINT        NOT NULL,
  store_id BIGINT        NOT NULL,
  country  CHAR(2)       NOT NULL,
  channel  VARCHAR(16)   NOT NULL,
  units    BIGINT        NOT NULL,
  revenue  DECIMAL(20,2) NOT NULL,
  orders   BIGINT        NOT NULL,
  PRIMARY KEY (day, currency, brand_id, store_id, country, channel),
  KEY ix_roll_brand_store_brand (brand_id, day),
  KEY ix_roll_brand_store_store (store_id, day),
  KEY ix_roll_brand_store_country (country, channel, day)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE roll_category_store (
  day      DATE          NOT NULL,
  currency CHAR(3)       NOT NULL,
  store_id BIGINT        NOT NULL,
  category VARCHAR(80)   NOT NULL,
  country  CHAR(2)       NOT NULL,
  channel  VARCHAR(16)   NOT NULL,
  units    BIGINT        NOT NULL,
  revenue  DECIMAL(20,2) NOT NULL,
  orders   BIGINT        NOT NULL,
  PRIMARY KEY (day, currency, store_id, category, country, channel),
  KEY ix_roll_category_store_category (category, day),
  KEY ix_roll_category_store_store (store_id, day),
  KEY ix_roll_category_store_country (country, channel, day)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE roll_fine (
  day        DATE          NOT NULL,
  currency   CHAR(3)       NOT NULL,
  product_id BIGINT        NOT NULL,
  store_id   BIGINT        NOT NULL,
  brand_id   BIGINT        NOT NULL,
  category   VARCHAR(80)   NOT NULL,
  country    CHAR(2)       NOT NULL,
  channel    VARCHAR(16)   NOT NULL,
  units      BIGINT        NOT NULL,
  revenue    DECIMAL(20,2) NOT NULL,
  orders     BIGINT        NOT NULL,
  PRIMARY KEY (day, currency, product_id, store_id, brand_id, category, country, channel),
  KEY ix_roll_fine_product (product_id, day),
  KEY ix_roll_fine_store (store_id, day),
  KEY ix_roll_fine_brand (brand_id, day),
  KEY ix_roll_fine_country (country, channel, day)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The reporting zone's UTC offsets, one row per span between transitions (times in UTC): a sale's day is
-- DATE(sold_at + the offset of the span it falls in). Filled at start from the zone's rules. Folds bind the few
-- offsets of their own sales' span instead; this table serves a fold spanning very many transitions and checks.
CREATE TABLE zone_offset (
  valid_from     DATETIME(3) NOT NULL,
  valid_to       DATETIME(3) NOT NULL,
  offset_minutes INT         NOT NULL,
  PRIMARY KEY (valid_from)
) ENGINE = InnoDB;

-- The folders' shared state, one row: sales with id <= watermark are in every rollup; as_of is the newest
-- soldAt among them; time_zone is the zone the rollups are built in (NULL: not built yet, nobody folds);
-- facets_pending: sales stored before their facets were kept still lack them (nobody folds until filled).
CREATE TABLE rollup_state (
  id             TINYINT     NOT NULL,
  watermark      BIGINT      NOT NULL,
  as_of          DATETIME(3) NULL,
  time_zone      VARCHAR(64) NULL,
  facets_pending BOOLEAN     NOT NULL,
  PRIMARY KEY (id)
) ENGINE = InnoDB;

INSERT INTO rollup_state (id, watermark, as_of, time_zone, facets_pending)
  SELECT 1, 0, NULL, NULL, EXISTS (SELECT 1 FROM sale WHERE category IS NULL OR country IS NULL OR channel IS NULL);

-- Every ingesting transaction holds this row in share mode until it commits; a folder takes it exclusively
-- for a moment, so the highest sale id it then reads belongs to a committed sale, and so do all below it.
CREATE TABLE ingest_gate (
  id TINYINT NOT NULL,
  PRIMARY KEY (id)
) ENGINE = InnoDB;

INSERT INTO ingest_gate (id) VALUES (1);

DROP TABLE brand_daily;
DROP TABLE product_daily;
DROP TABLE store_daily;
