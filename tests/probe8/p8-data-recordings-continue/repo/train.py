from sklearn.metrics import classification_report
from sklearn.model_selection import GroupShuffleSplit
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

from features import RecordingFeatures

X, y, speakers = RecordingFeatures("data/meta.csv", "data/wav").build()
gss = GroupShuffleSplit(n_splits=1, test_size=0.25, random_state=13)
tr, te = next(gss.split(X, y, groups=speakers))
clf = make_pipeline(StandardScaler(), SVC(C=3.0, random_state=13)).fit(X[tr], y[tr])
print(classification_report(y[te], clf.predict(X[te]), digits=3))
