#!/usr/bin/env bash
# Exactly once, checked in the database: every rollup table (brand_daily, product_daily, store_daily)
# must sum to the `sale` table (orders = rows, units = quantities, revenue = amounts). Read-only.
#   bench/verify_totals.sh [DATA_DIR] [SERVER_LOG]      defaults: bench/.data/data, bench/.data/server.log
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${1:-$HERE/.data/data}
LOG=${2:-$HERE/.data/server.log}
port=$(grep -o 'Embedded MariaDB on 127.0.0.1:[0-9]*' "$LOG" | tail -1 | sed 's/.*://')
"$DATA/mariadb-server/bin/mariadb" --skip-ssl -h127.0.0.1 -P"$port" -uroot -N -B stats -e "
  SELECT 'sale', COUNT(*), SUM(quantity), SUM(amount) FROM sale
  UNION ALL SELECT 'brand_daily', SUM(orders), SUM(units), SUM(revenue) FROM brand_daily
  UNION ALL SELECT 'product_daily', SUM(orders), SUM(units), SUM(revenue) FROM product_daily
  UNION ALL SELECT 'store_daily', SUM(orders), SUM(units), SUM(revenue) FROM store_daily" \
  | awk '{ printf "  %-14s orders %s  units %s  revenue %s\n", $1, $2, $3, $4; k = $2 " " $3 " " $4
           if (NR == 1) ref = k; else if (k != ref) bad = 1 }
         END { if (bad) { print "TOTALS MISMATCH: the rollups do not sum to the sales"; exit 1 }
               print "TOTALS OK: orders, units and revenue of every rollup table equal the sale table" }'
