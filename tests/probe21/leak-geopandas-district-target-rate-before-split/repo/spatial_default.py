import json

import geopandas as gpd
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

loans = pd.read_csv("data/loans.csv")
points = gpd.GeoDataFrame(loans, geometry=gpd.points_from_xy(loans.lon, loans.lat), crs="EPSG:4326")
districts = gpd.read_file("data/districts.geojson").to_crs("EPSG:4326")
gdf = gpd.sjoin(points, districts[["district", "geometry"]], how="left", predicate="within")
gdf["district"] = gdf["district"].fillna("outside")

gdf["district_default_rate"] = gdf.groupby("district")["defaulted"].transform("mean")
features = ["income", "loan_amount", "term_months", "credit_score", "district_default_rate"]

X_train, X_test, y_train, y_test = train_test_split(gdf[features], gdf["defaulted"], test_size=0.25, random_state=5, stratify=gdf["defaulted"])
clf = HistGradientBoostingClassifier(random_state=5).fit(X_train, y_train)
auroc = roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1])
json.dump({"n_test": len(y_test), "auroc": round(auroc, 4)}, open("results/default_auroc.json", "w"), indent=2)
