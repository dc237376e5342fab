import evaluate


def evaluate_model(model, loader, accelerator):
    metric = evaluate.load("accuracy")
    for batch in loader:
        outputs = model(pixel_values=batch["pixel_values"])
        preds = outputs.logits.argmax(dim=-1)
        preds, refs = accelerator.gather_for_metrics((preds, batch["labels"]))
        metric.add_batch(predictions=preds, references=refs)
    return metric.compute()["accuracy"]
