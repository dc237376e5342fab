import h5py
import torch
from diffusers import DDPMPipeline
from torchmetrics.image.fid import FrechetInceptionDistance

torch.manual_seed(1)
pipe = DDPMPipeline.from_pretrained("ckpt/ddpm_tiles")
fake = pipe(batch_size=256, num_inference_steps=1000, output_type="np").images
real = torch.load("data/tiles64_test.pt")
fid = FrechetInceptionDistance(normalize=True)
fid.update(real, real=True)
fid.update(torch.from_numpy(fake).permute(0, 3, 1, 2), real=False)
with h5py.File("results/fid.h5", "w") as f:
    f.attrs["checkpoint"] = "ckpt/ddpm_tiles"
    f.attrs["n_samples"] = 256
    f["fid"] = float(fid.compute())
    f["sample_mean"] = fake.mean(axis=(0, 1, 2))
