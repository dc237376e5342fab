import glob
import os
import pickle

import pandas as pd

rows = []
for f in sorted(glob.glob("results/*.pkl")):
    r = pickle.load(open(f, "rb"))
    rows.append({"encoder": os.path.basename(f)[:-4], **r})
pd.DataFrame(rows).to_latex("paper/probe_table.tex", index=False, float_format="%.3f")
