lm_eval --model hf --model_args pretrained=EleutherAI/pythia-1.4b \
  --include_path tasks --tasks boolq_passage_cf --batch_size 16 --output_path results/
