#!/bin/bash
set -e
python -m leafnet.main fit --trainer.max_epochs 15
python -m leafnet.main test --ckpt_path best
