from store import connect

con = connect()
df = con.execute("SELECT * FROM runs").df()
df = df.dropna()
summary = df.groupby("model")["judge_score"].agg(["mean", "std"])
print(summary.round(3).to_markdown())
