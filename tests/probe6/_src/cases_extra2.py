CASES = []

# ---------------------------------------------------------------- P5 notebook: template filled with the wrong variable
P5 = [
    ("markdown", "# Retrieval-augmented QA on HotpotQA (distractor)\nDoes adding the gold paragraphs help Llama-3-8B?"),
    ("code", '''import json, re, string
from collections import Counter
from openai import OpenAI
client = OpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY")  # vLLM server
MODEL = "meta-llama/Meta-Llama-3-8B-Instruct"'''),
    ("code", '''RAG_TEMPLATE = """Answer the question using the context. Reply with a short span only.

Context:
{context}

Question: {question}
Answer:"""'''),
    ("code", '''items = [json.loads(l) for l in open("data/hotpot_dev_distractor_500.jsonl")]
def gold_context(it):
    return "\\n\\n".join(f"{t}: {' '.join(s)}" for t, s in it["supporting_paragraphs"])'''),
    ("code", '''def norm(s):
    s = s.lower()
    s = "".join(ch for ch in s if ch not in set(string.punctuation))
    return " ".join(w for w in s.split() if w not in {"a", "an", "the"})

def f1(pred, gold):
    p, g = norm(pred).split(), norm(gold).split()
    common = sum((Counter(p) & Counter(g)).values())
    if common == 0:
        return 0.0
    prec, rec = common / len(p), common / len(g)
    return 2 * prec * rec / (prec + rec)'''),
    ("code", '''scores = {"closed_book": [], "gold_context": []}
for it in items:
    ctx = gold_context(it)
    for cond in scores:
        if cond == "closed_book":
            prompt = f"Question: {it['question']}\\nReply with a short span only.\\nAnswer:"
        else:
            prompt = RAG_TEMPLATE.format(context=it["question"], question=it["question"])  #!PROMPT-UNFILLED
        out = client.chat.completions.create(model=MODEL, temperature=0, max_tokens=32,
                                             messages=[{"role": "user", "content": prompt}])
        scores[cond].append(f1(out.choices[0].message.content, it["answer"]))
{k: round(sum(v) / len(v), 3) for k, v in scores.items()}''', "{'closed_book': 0.284, 'gold_context': 0.291}"),
    ("markdown", "Surprisingly, gold paragraphs barely help (+0.7 F1): the model seems not to use context."),
]
CASES.append({
    "id": "probe6-prompt-notebook-context-gets-question",
    "style": "notebook",
    "description": "RAG notebook against a local vLLM OpenAI-compatible server. The gold-context condition fills RAG_TEMPLATE with context=it['question'] instead of the ctx computed two lines above, so both conditions see no context and the notebook concludes the model ignores context.",
    "why_default": "the {context} field is filled with the question; the computed gold context ctx is never used",
    "files": {"rag_hotpot.ipynb": P5},
})

# ---------------------------------------------------------------- R5 LaTeX table number absent from results csv
R5_CSV = """method,dataset,seed,auroc
mahalanobis,cifar10_vs_svhn,0,0.9121
mahalanobis,cifar10_vs_svhn,1,0.9087
mahalanobis,cifar10_vs_svhn,2,0.9140
energy,cifar10_vs_svhn,0,0.9312
energy,cifar10_vs_svhn,1,0.9288
energy,cifar10_vs_svhn,2,0.9335
ours,cifar10_vs_svhn,0,0.9461
ours,cifar10_vs_svhn,1,0.9402
ours,cifar10_vs_svhn,2,0.9447
"""
R5_TEX = r"""\begin{table}[t]
\centering
\caption{OOD detection AUROC (\%) on CIFAR-10 vs.\ SVHN, mean $\pm$ std over 3 seeds.}
\label{tab:main}
\begin{tabular}{lc}
\toprule
Method & AUROC \\
\midrule
Mahalanobis & 91.2 $\pm$ 0.2 \\
Energy & 93.1 $\pm$ 0.2 \\
Ours & \textbf{95.8} $\pm$ 0.3 \\  #!RESULT-CLAIM
\bottomrule
\end{tabular}
\end{table}
"""
R5_AGG = r'''
import pandas as pd

df = pd.read_csv("results/ood_auroc.csv")
table = df.groupby("method")["auroc"].agg(["mean", "std"]).mul(100).round(1)
print(table)
'''
CASES.append({
    "id": "probe6-result-latex-table-unsupported",
    "style": "mixed",
    "description": "OOD detection paper table in LaTeX. Mahalanobis (91.2) and Energy (93.1) are the means of their three seeds in results/ood_auroc.csv, but 'Ours' is reported as 95.8 while the csv's three seeds average 94.4 (the best seed is 94.6): the headline number is supported by no results file.",
    "why_default": "paper table reports 95.8 AUROC for the method; its results average 94.4",
    "files": {"paper/tables/main_results.tex": R5_TEX, "results/ood_auroc.csv": R5_CSV,
              "scripts/aggregate.py": R5_AGG},
})
