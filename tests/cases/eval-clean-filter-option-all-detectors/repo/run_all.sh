#!/bin/sh
for d in zscore perplexity detectgpt; do
  python run_detector.py --detector "$d" --filter length
done
python compare.py
