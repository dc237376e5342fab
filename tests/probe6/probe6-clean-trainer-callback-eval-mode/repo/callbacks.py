import torch
from transformers import TrainerCallback


class ProbeAccuracyCallback(TrainerCallback):
    """At the end of each epoch, measure next-token accuracy on a fixed probe batch."""

    def __init__(self, probe_batch, log_fn):
        self.probe_batch = probe_batch
        self.log_fn = log_fn

    def on_epoch_end(self, args, state, control, model=None, **kwargs):
        batch = {k: v.to(model.device) for k, v in self.probe_batch.items()}
        was_training = model.training
        model.eval()
        with torch.no_grad():
            logits = model(**batch).logits
        model.train(was_training)
        pred = logits[:, :-1].argmax(-1)
        gold = batch["input_ids"][:, 1:]
        mask = batch["attention_mask"][:, 1:].bool()
        acc = (pred[mask] == gold[mask]).float().mean().item()
        self.log_fn({"epoch": state.epoch, "probe_next_token_acc": acc})
