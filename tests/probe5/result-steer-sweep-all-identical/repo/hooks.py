from contextlib import contextmanager


@contextmanager
def add_direction(model, layer, vec, alpha):
    def hook(module, args):
        hidden = args[0]
        hidden = hidden + alpha * vec.to(hidden.dtype)
    handle = model.model.layers[layer].register_forward_pre_hook(hook)
    try:
        yield
    finally:
        handle.remove()
