import torch
from accelerate import Accelerator
from accelerate.utils import set_seed
from transformers import AutoModelForImageClassification

from vit_ft.data import make_loaders
from vit_ft.evaluation import evaluate_model


def main():
    accelerator = Accelerator(mixed_precision="bf16")
    set_seed(0)
    model = AutoModelForImageClassification.from_pretrained("google/vit-base-patch16-224-in21k", num_labels=102)
    train_loader, val_loader = make_loaders(batch_size=64)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-5)
    model, optimizer, train_loader, val_loader = accelerator.prepare(model, optimizer, train_loader, val_loader)
    for epoch in range(10):
        model.train()
        for batch in train_loader:
            loss = model(**batch).loss
            accelerator.backward(loss)
            optimizer.step()
            optimizer.zero_grad()
        acc = evaluate_model(model, val_loader, accelerator)
        accelerator.print(f"epoch {epoch} val accuracy {acc:.4f}")


if __name__ == "__main__":
    main()
