import json

direct = json.load(open("results/direct.json"))
cot = json.load(open("results/cot.json"))
print(f"CoT gain: {cot['accuracy'] - direct['accuracy']:+.3f} (n={cot['n']})")
