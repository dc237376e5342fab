import json
import sys

a, b = (json.load(open(p)) for p in sys.argv[1:3])
print(f"{b['prompt']} - {a['prompt']}: {b['accuracy'] - a['accuracy']:+.3f}")
