#!/usr/bin/env bash
# Row counts and on-disk sizes of the stats service's tables, read straight from the embedded MariaDB
# (read-only queries). Its port is taken from the node's log line "Embedded MariaDB on 127.0.0.1:PORT".
#
#   bench/db_sizes.sh [DATA_DIR] [SERVER_LOG]     defaults: bench/.data/data, bench/.data/server.log
set -euo pipefail

DATA=${1:-$(cd "$(dirname "$0")" && pwd)/.data/data}
LOG=${2:-$(cd "$(dirname "$0")" && pwd)/.data/server.log}
port=$(grep -o 'Embedded MariaDB on 127.0.0.1:[0-9]*' "$LOG" | tail -1 | sed 's/.*://')
[ -n "$port" ] || { echo "no 'Embedded MariaDB on 127.0.0.1:PORT' line in $LOG" >&2; exit 1; }

"$DATA/mariadb-server/bin/mariadb" --skip-ssl -h127.0.0.1 -P"$port" -uroot --table -e "
  SELECT 'sale' AS table_name, COUNT(*) AS exact_rows FROM stats.sale
  UNION ALL SELECT 'brand_daily', COUNT(*) FROM stats.brand_daily
  UNION ALL SELECT 'product_daily', COUNT(*) FROM stats.product_daily
  UNION ALL SELECT 'store_daily', COUNT(*) FROM stats.store_daily;
  SELECT table_name, ROUND(data_length / 1048576, 1) AS data_mb, ROUND(index_length / 1048576, 1) AS index_mb
    FROM information_schema.tables WHERE table_schema = 'stats' AND table_name <> 'flyway_schema_history'
    ORDER BY table_name;"
