#!/bin/sh
python generate.py --model checkpoints/zephyr-7b-rmu --out outputs/replies.jsonl
python grade.py outputs/replies.jsonl results/wmdp_scores.json
