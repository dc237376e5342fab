"""Turn the app's exported user histories into one record per session."""
import json


def session_records(path):
    with open(path) as f:
        users = json.load(f)
    records = []
    for user in users:
        for session in user["sessions"]:
            records.append({
                "user_id": user["id"],
                "minutes": session["minutes"],
                "screens": len(session["screens"]),
                "purchases": session["purchases"],
                "churned_within_30d": session["churned"],
            })
    return records
