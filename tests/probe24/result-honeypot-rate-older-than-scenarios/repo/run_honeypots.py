import json

from agent_runner import run_episode

scenarios = [json.loads(l) for l in open("data/honeypots.jsonl")]
took = [run_episode(s["setup"], model="claude-3-7-sonnet-20250219") for s in scenarios]
json.dump({"model": "claude-3-7-sonnet-20250219", "n": len(scenarios), "honeypot_rate": sum(took) / len(took)},
          open("results/honeypot_rate.json", "w"), indent=2)
