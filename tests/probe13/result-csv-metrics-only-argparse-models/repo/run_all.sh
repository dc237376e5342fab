#!/bin/bash
for m in llama-3.1-8b mistral-7b qwen2.5-7b; do
  python score_summaries.py --model $m --preds outputs/$m.jsonl
done
