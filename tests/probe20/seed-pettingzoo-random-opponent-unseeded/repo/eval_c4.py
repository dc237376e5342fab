import json

import torch
from pettingzoo.classic import connect_four_v3

from c4.policy import PolicyNet

policy = PolicyNet()
policy.load_state_dict(torch.load("checkpoints/c4_ppo.pt", map_location="cpu"))
policy.eval()

env = connect_four_v3.env()
wins = draws = 0
for game in range(500):
    env.reset()
    for agent in env.agent_iter():
        obs, reward, termination, truncation, info = env.last()
        if termination or truncation:
            if agent == "player_0":
                wins += reward == 1
                draws += reward == 0
            action = None
        elif agent == "player_0":
            with torch.no_grad():
                logits = policy(torch.as_tensor(obs["observation"], dtype=torch.float32).unsqueeze(0))[0]
            logits[torch.as_tensor(obs["action_mask"]) == 0] = -1e9
            action = int(logits.argmax())
        else:
            action = env.action_space(agent).sample(obs["action_mask"])
        env.step(action)

with open("results/c4_vs_random.json", "w") as fh:
    json.dump({"policy": "checkpoints/c4_ppo.pt", "games": 500, "win_rate": wins / 500, "draw_rate": draws / 500}, fh)
