def evaluate_rate(scale):
    raise NotImplementedError("runs the model with a forward hook; see steer.py in the paper repo")
