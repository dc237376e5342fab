#!/bin/bash
for s in 0 1 2 3 4; do
  papermill notebooks/sentiment_subset.ipynb runs/seed_$s.ipynb -p seed $s
done
