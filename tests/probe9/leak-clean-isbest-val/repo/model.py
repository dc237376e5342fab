from torchvision.models import resnet18


def ResNet18(num_classes):
    return resnet18(num_classes=num_classes)
