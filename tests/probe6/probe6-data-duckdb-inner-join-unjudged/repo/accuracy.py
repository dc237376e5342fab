import duckdb

con = duckdb.connect()
acc = con.sql("""
    SELECT g.model,
           avg(CASE WHEN j.verdict = 'correct' THEN 1.0 ELSE 0.0 END) AS accuracy,
           count(*) AS n
    FROM read_json_auto('outputs/generations/*.jsonl') AS g
    JOIN read_csv_auto('outputs/judge_verdicts.csv') AS j
      ON g.item_id = j.item_id AND g.model = j.model
    GROUP BY g.model
    ORDER BY accuracy DESC
""").df()
print(acc.to_string(index=False))
acc.to_csv("results/simpleqa_accuracy.csv", index=False)
