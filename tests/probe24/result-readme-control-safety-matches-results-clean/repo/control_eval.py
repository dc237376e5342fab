import json

from protocols import run_protocol

res = run_protocol("trusted-monitoring", monitor="gpt-4o-mini", audit_budget=0.02, n=1500)
json.dump(res, open("results/trusted_monitoring.json", "w"), indent=2)
