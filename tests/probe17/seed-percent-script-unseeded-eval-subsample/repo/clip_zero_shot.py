# %%
import open_clip
import pandas as pd
import torch
from PIL import Image

# %%
meta = pd.read_csv("data/inat_val.csv")
sub = meta.sample(n=1000)
classes = sorted(meta["species"].unique())

# %%
def zero_shot_acc(arch, pretrained):
    model, _, preprocess = open_clip.create_model_and_transforms(arch, pretrained=pretrained)
    tokenizer = open_clip.get_tokenizer(arch)
    model.eval()
    with torch.no_grad():
        text = model.encode_text(tokenizer([f"a photo of {c}, a type of plant." for c in classes]))
        text = text / text.norm(dim=-1, keepdim=True)
        hits = 0
        for _, row in sub.iterrows():
            img = model.encode_image(preprocess(Image.open(row["path"])).unsqueeze(0))
            img = img / img.norm(dim=-1, keepdim=True)
            hits += classes[(img @ text.T).argmax().item()] == row["species"]
    return hits / len(sub)

# %%
for arch, pre in [("ViT-B-32", "laion2b_s34b_b79k"), ("ViT-L-14", "openai")]:
    print(arch, pre, zero_shot_acc(arch, pre))
