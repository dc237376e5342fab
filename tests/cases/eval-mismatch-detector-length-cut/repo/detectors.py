def load_detector(name):
    from importlib import import_module
    return import_module(f"detector_impls.{name}").score
