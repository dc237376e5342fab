-- one row per store and day
SELECT
    store_id,
    day,
    units,
    dayofweek(day) AS dow,
    promo,
    AVG(units) OVER (PARTITION BY store_id ORDER BY day ROWS BETWEEN 7 PRECEDING AND 1 PRECEDING) AS units_ma7,
    LAG(units, 7) OVER (PARTITION BY store_id ORDER BY day) AS units_lag7
FROM read_parquet('data/sales.parquet')
ORDER BY store_id, day
