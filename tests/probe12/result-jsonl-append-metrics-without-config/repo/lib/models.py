import torchvision


def build(name):
    return getattr(torchvision.models, name)(num_classes=100)
