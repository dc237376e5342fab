import random

import networkx as nx
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

random.seed(3)
G = nx.read_edgelist("data/coauthor.edgelist", nodetype=int)
nodes = list(G.nodes())
pos = list(G.edges())
neg = []
while len(neg) < len(pos):
    u, v = random.sample(nodes, 2)
    if not G.has_edge(u, v):
        neg.append((u, v))

pairs = pos + neg
labels = np.r_[np.ones(len(pos)), np.zeros(len(neg))]
jac = {(u, v): s for u, v, s in nx.jaccard_coefficient(G, pairs)}
aa = {(u, v): s for u, v, s in nx.adamic_adar_index(G, pairs)}
X = np.array([[jac[p], aa[p], G.degree(p[0]) * G.degree(p[1])] for p in pairs])

idx = np.random.RandomState(3).permutation(len(pairs))
cut = int(0.9 * len(pairs))
tr, te = idx[:cut], idx[cut:]
clf = LogisticRegression(max_iter=1000).fit(X[tr], labels[tr])
print("link prediction AUC", roc_auc_score(labels[te], clf.predict_proba(X[te])[:, 1]))
