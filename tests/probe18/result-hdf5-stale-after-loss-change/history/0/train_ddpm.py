import torch
from diffusers import DDPMScheduler, UNet2DModel

torch.manual_seed(0)
unet = UNet2DModel(sample_size=64, in_channels=3, out_channels=3, block_out_channels=(64, 128, 256, 256))
sched = DDPMScheduler(num_train_timesteps=1000, beta_schedule="linear")
opt = torch.optim.AdamW(unet.parameters(), lr=1e-4)
tiles = torch.load("data/tiles64.pt")
for step in range(20000):
    x0 = tiles[torch.randint(0, len(tiles), (32,))]
    t = torch.randint(0, 1000, (32,))
    noise = torch.randn_like(x0)
    loss = torch.nn.functional.mse_loss(unet(sched.add_noise(x0, noise, t), t).sample, noise)
    opt.zero_grad()
    loss.backward()
    opt.step()
unet.save_pretrained("ckpt/ddpm_tiles")
