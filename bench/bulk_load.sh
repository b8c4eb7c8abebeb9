#!/usr/bin/env bash
# Loads N sales straight into the stats database of a running benchmark node, with their rollups, in
# chunks of CHUNK sales: for when posting them through the API would take too long (10M sales).
#
#   bench/bulk_load.sh N RUN [DATA_DIR] [SERVER_LOG]     defaults: bench/.data/data, bench/.data/server.log
#
# It writes exactly what ingestion writes for accepted sales: one `sale` row each (eventId "<RUN>-<n>",
# a catalogue product "BENCH-P%" and its brand, price and currency; an active "BENCH-%" store; quantity
# 1-5; unit_price = the product's price; amount = price x quantity; soldAt spread over the 90 UTC days
# ending yesterday; receivedAt now) and, in the same transaction, adds each chunk's sums per
# (day, brand / product / store, currency) to brand_daily, product_daily and store_daily with the same
# upsert ingestion uses. Deterministic for a given N and RUN. Skips the API: no validation, no upstream
# lookups, no eventId check (RUN must be new). Then checks that every rollup table sums to exactly the
# `sale` table (orders, units, revenue), which holds for API-ingested sales too.
# While loading it raises innodb_buffer_pool_size (BUFFER_POOL, default 2 GiB) and innodb_log_file_size
# (REDO_LOG, 1 GiB) on the running server; both are dynamic and a restart restores the node's defaults.
# Env: CHUNK=500000, END_DATE (default today UTC; sales land on the 90 days before it).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
N=$1
RUN=$2
DATA=${3:-$HERE/.data/data}
LOG=${4:-$HERE/.data/server.log}
CHUNK=${CHUNK:-500000}
END_DATE=${END_DATE:-$(date -u +%F)}
[[ "$RUN" =~ ^[A-Za-z0-9_-]{1,30}$ ]] || { echo "RUN must match [A-Za-z0-9_-]{1,30}" >&2; exit 2; }
port=$(grep -o 'Embedded MariaDB on 127.0.0.1:[0-9]*' "$LOG" | tail -1 | sed 's/.*://')
[ -n "$port" ] || { echo "no 'Embedded MariaDB on 127.0.0.1:PORT' line in $LOG" >&2; exit 1; }
sql() { "$DATA/mariadb-server/bin/mariadb" --skip-ssl -h127.0.0.1 -P"$port" -uroot -N -B "$@"; }

first_day=$(date -u -d "$END_DATE - 89 days" +%F)
span_ms=$((89 * 86400 * 1000))
existing=$(sql -e "SELECT COUNT(*) FROM stats.sale WHERE event_id LIKE '$RUN-%'")
[ "$existing" = 0 ] || { echo "run $RUN is loaded already ($existing sales)" >&2; exit 1; }

# The benchmark catalogue, numbered 0..n-1, so each sale picks its product and store by arithmetic.
setup="
  CREATE TEMPORARY TABLE bulk_product (n INT PRIMARY KEY, id BIGINT, brand_id BIGINT, price DECIMAL(12,2), currency CHAR(3))
    SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS n, id, brand_id, price, currency
    FROM product.product WHERE sku LIKE 'BENCH-P%' AND status = 'active';
  CREATE TEMPORARY TABLE bulk_store (n INT PRIMARY KEY, id BIGINT)
    SELECT ROW_NUMBER() OVER (ORDER BY id) - 1 AS n, id FROM store.store WHERE code LIKE 'BENCH-%' AND status = 'active';
  SELECT @products := COUNT(*) FROM bulk_product;
  SELECT @stores := COUNT(*) FROM bulk_store;"

# A bigger buffer pool and redo log while loading (both dynamic; a restart of the node restores its defaults).
sql -e "SET GLOBAL innodb_buffer_pool_size = ${BUFFER_POOL:-2147483648}; SET GLOBAL innodb_log_file_size = ${REDO_LOG:-1073741824}" \
  || echo "could not enlarge the buffer pool / redo log; loading with the server's settings"

start=$(date +%s)
done_n=0
while [ "$done_n" -lt "$N" ]; do
  a=$((done_n + 1)); b=$((done_n + CHUNK)); [ "$b" -le "$N" ] || b=$N
  sql stats >/dev/null <<EOF
SET SESSION max_heap_table_size = 1073741824;
$setup
CREATE TEMPORARY TABLE bulk_chunk ENGINE = MEMORY
  SELECT CONCAT('$RUN-', LPAD(s.seq, 10, '0')) AS event_id, p.id AS product_id, st.id AS store_id, p.brand_id,
         1 + (s.seq * 7) % 5 AS quantity, p.price AS unit_price, p.price * (1 + (s.seq * 7) % 5) AS amount, p.currency,
         TIMESTAMPADD(MICROSECOND, ((s.seq * 2654435761) % $span_ms) * 1000, TIMESTAMP('$first_day')) AS sold_at
  FROM seq_${a}_to_${b} s
  JOIN bulk_product p ON p.n = (s.seq * 40503) % @products
  JOIN bulk_store st ON st.n = (s.seq * 69069) % @stores;
START TRANSACTION;
INSERT INTO sale (event_id, product_id, store_id, brand_id, quantity, unit_price, amount, currency, sold_at, received_at)
  SELECT event_id, product_id, store_id, brand_id, quantity, unit_price, amount, currency, sold_at, NOW(3)
  FROM bulk_chunk ORDER BY event_id;
INSERT INTO brand_daily (day, brand_id, currency, units, revenue, orders)
  SELECT DATE(sold_at), brand_id, currency, SUM(quantity), SUM(amount), COUNT(*) FROM bulk_chunk
  GROUP BY DATE(sold_at), brand_id, currency
  ON DUPLICATE KEY UPDATE units = units + VALUES(units), revenue = revenue + VALUES(revenue), orders = orders + VALUES(orders);
INSERT INTO product_daily (day, product_id, currency, units, revenue, orders)
  SELECT DATE(sold_at), product_id, currency, SUM(quantity), SUM(amount), COUNT(*) FROM bulk_chunk
  GROUP BY DATE(sold_at), product_id, currency
  ON DUPLICATE KEY UPDATE units = units + VALUES(units), revenue = revenue + VALUES(revenue), orders = orders + VALUES(orders);
INSERT INTO store_daily (day, store_id, currency, units, revenue, orders)
  SELECT DATE(sold_at), store_id, currency, SUM(quantity), SUM(amount), COUNT(*) FROM bulk_chunk
  GROUP BY DATE(sold_at), store_id, currency
  ON DUPLICATE KEY UPDATE units = units + VALUES(units), revenue = revenue + VALUES(revenue), orders = orders + VALUES(orders);
COMMIT;
EOF
  done_n=$b
  el=$(( $(date +%s) - start ))
  echo "$(date -u +%T) bulk $RUN: $done_n/$N sales in ${el}s ($(( done_n / (el > 0 ? el : 1) )) sales/s)"
done
echo "BULK_LOAD sales=$N seconds=$(( $(date +%s) - start ))"

# Exactly once: every rollup sums to the sale table.
"$HERE/verify_totals.sh" "$DATA" "$LOG"
