import gymnasium as gym
from stable_baselines3 import PPO
from stable_baselines3.common.env_util import make_vec_env
from stable_baselines3.common.evaluation import evaluate_policy


class ShapedReward(gym.Wrapper):
    def step(self, action):
        obs, reward, terminated, truncated, info = self.env.step(action)
        reward += -0.1 * abs(obs[4])  # penalise tilt
        return obs, reward, terminated, truncated, info


results = {}
for name, wrapper in [("baseline", None), ("shaped", ShapedReward)]:
    env = make_vec_env("LunarLander-v3", n_envs=8, wrapper_class=wrapper)
    model = PPO("MlpPolicy", env, n_steps=1024, batch_size=64, verbose=0)
    model.learn(total_timesteps=500_000)
    eval_env = make_vec_env("LunarLander-v3", n_envs=1)
    mean_reward, std_reward = evaluate_policy(model, eval_env, n_eval_episodes=20)
    results[name] = mean_reward
    print(f"{name}: {mean_reward:.1f} +/- {std_reward:.1f}")
print(f"shaping effect: {results['shaped'] - results['baseline']:+.1f}")
