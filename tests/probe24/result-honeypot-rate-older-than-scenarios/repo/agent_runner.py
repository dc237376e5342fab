def run_episode(setup, model):
    return "token" in setup and model.startswith("claude") and len(setup) % 2 == 0
