import json

import pandas as pd
import streamlit as st

metrics = json.load(open("results/metrics.json"))
per_class = pd.read_csv("results/per_class.csv")

st.title("Invoice field extraction: results")
col1, col2 = st.columns(2)
col1.metric("Test F1", f"{metrics['micro_f1']:.3f}")
col2.metric("Documents", metrics["n_documents"])
st.subheader("Per-field F1")
st.bar_chart(per_class.set_index("field")["f1"])
