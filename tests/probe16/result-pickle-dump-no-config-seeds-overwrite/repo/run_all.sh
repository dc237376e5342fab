#!/usr/bin/env bash
set -euo pipefail
for enc in bert-base-uncased roberta-base deberta-v3-base; do
  for seed in 0 1 2; do
    python probe.py --encoder "$enc" --seed "$seed" --layer 8
  done
done
python make_table.py
