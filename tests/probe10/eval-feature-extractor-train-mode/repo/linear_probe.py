import torchvision.transforms as T
from sklearn.linear_model import LogisticRegression
from torchvision.datasets import CIFAR100

from probe.extract import FeatureExtractor

tf = T.Compose([T.Resize(224), T.ToTensor(), T.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))])
extract = FeatureExtractor()
X_tr, y_tr = extract(CIFAR100("data", train=True, download=True, transform=tf))
X_te, y_te = extract(CIFAR100("data", train=False, download=True, transform=tf))
clf = LogisticRegression(max_iter=2000, C=0.3).fit(X_tr, y_tr)
print("linear probe top-1:", clf.score(X_te, y_te))
