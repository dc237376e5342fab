import argparse

from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from src.evaluation import top1
from src.models import load_classifier

p = argparse.ArgumentParser()
p.add_argument("--ckpt", default="checkpoints/pets_r50_best.pt")
args = p.parse_args()

tf = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
                         transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
test = datasets.OxfordIIITPet("data", split="test", transform=tf, download=True)
model = load_classifier(args.ckpt).cuda()
print(f"top-1: {top1(model, DataLoader(test, batch_size=32, num_workers=4)):.4f}")
