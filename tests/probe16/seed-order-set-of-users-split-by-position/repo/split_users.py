import pandas as pd

df = pd.read_parquet("data/sessions.parquet")       # user_id (str), session_id, item_id, ts
users = list(set(df.user_id))
cut = int(0.8 * len(users))
train_users, test_users = set(users[:cut]), set(users[cut:])
df[df.user_id.isin(train_users)].to_parquet("data/train_sessions.parquet")
df[df.user_id.isin(test_users)].to_parquet("data/test_sessions.parquet")
print(len(train_users), "train users,", len(test_users), "test users")
