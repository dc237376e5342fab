"""Score a trained PPO agent on fresh episodes of the evaluation environment."""
import argparse
import json

import gymnasium as gym
from stable_baselines3 import PPO
from stable_baselines3.common.evaluation import evaluate_policy
from stable_baselines3.common.vec_env import DummyVecEnv, VecNormalize


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--run", required=True)
    parser.add_argument("--episodes", type=int, default=50)
    args = parser.parse_args()

    venv = DummyVecEnv([lambda: gym.make("HalfCheetah-v4")])
    scoring_env = VecNormalize.load(f"{args.run}/vecnormalize.pkl", venv)
    scoring_env.norm_reward = False
    agent = PPO.load(f"{args.run}/model.zip", env=scoring_env)
    mean_return, std_return = evaluate_policy(agent, scoring_env, n_eval_episodes=args.episodes)
    with open(f"{args.run}/eval.json", "w") as fh:
        json.dump({"run": args.run, "episodes": args.episodes, "mean": mean_return, "std": std_return}, fh)


if __name__ == "__main__":
    main()
