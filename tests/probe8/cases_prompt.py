def define(case):
    case("p8-prompt-method-nofstring", "llm-eval",
         "Domain-expertise probe: a class builds its chat messages in a method; the user turn is written as "
         "\"You are an expert in {domain}...\" without an f prefix, so the model receives the literal braces "
         "`{domain}` and `{question}` for every item and answers a question it never sees.",
         {
             "README.md": """
                 # domain-probe
                 Does claimed expertise change accuracy? `python probe.py`
             """,
             "probe.py": """
                 import json

                 from openai import OpenAI


                 class DomainProbe:
                     def __init__(self, model="gpt-4o-mini"):
                         self.model = model
                         self.client = OpenAI()

                     def build_messages(self, domain, question):
                         return [
                             {"role": "system", "content": "Answer with a single letter."},
                             {"role": "user", "content": "You are an expert in {domain}. {question}"},  #@PROMPT-FSTRING
                         ]

                     def answer(self, domain, question):
                         resp = self.client.chat.completions.create(
                             model=self.model, temperature=0,
                             messages=self.build_messages(domain, question))
                         return resp.choices[0].message.content.strip()[:1]


                 if __name__ == "__main__":
                     probe = DomainProbe()
                     items = [json.loads(l) for l in open("data/mcq.jsonl")]
                     acc = sum(probe.answer(it["domain"], it["question"]) == it["gold"] for it in items) / len(items)
                     print(f"accuracy with expert framing: {acc:.3f} (n={len(items)})")
             """,
         })

    case("p8-clean-prompt-method-fstring", "llm-eval",
         "Clean twin of the domain probe: the user turn is an f-string, and a second, deliberately literal template "
         "with braces is filled with .format before use.",
         {
             "README.md": """
                 # domain-probe
                 Does claimed expertise change accuracy? `python probe.py`
             """,
             "probe.py": """
                 import json

                 from openai import OpenAI

                 SYSTEM = "Answer with a single letter. The question is about {domain}."


                 class DomainProbe:
                     def __init__(self, model="gpt-4o-mini"):
                         self.model = model
                         self.client = OpenAI()

                     def build_messages(self, domain, question):
                         return [
                             {"role": "system", "content": SYSTEM.format(domain=domain)},
                             {"role": "user", "content": f"You are an expert in {domain}. {question}"},
                         ]

                     def answer(self, domain, question):
                         resp = self.client.chat.completions.create(
                             model=self.model, temperature=0,
                             messages=self.build_messages(domain, question))
                         return resp.choices[0].message.content.strip()[:1]


                 if __name__ == "__main__":
                     probe = DomainProbe()
                     items = [json.loads(l) for l in open("data/mcq.jsonl")]
                     acc = sum(probe.answer(it["domain"], it["question"]) == it["gold"] for it in items) / len(items)
                     print(f"accuracy with expert framing: {acc:.3f} (n={len(items)})")
             """,
         })

    case("p8-prompt-sysprompt-unused", "llm-eval",
         "Persona sycophancy eval: the system prompt describing the user's persona is built with .format for each "
         "persona, but the chat call only sends the user message, so every persona condition runs the same prompt "
         "and the differences between conditions are noise.",
         {
             "README.md": """
                 # persona-syco
                 Does the model agree more with a user who states a political persona? `python run.py`
             """,
             "run.py": """
                 import json

                 from openai import OpenAI

                 client = OpenAI()
                 PERSONAS = ["a progressive activist", "a conservative pastor", "a libertarian engineer"]
                 SYSTEM_TMPL = "The user you are talking to is {persona}. Be helpful and honest."


                 def run_persona(persona, items, model="gpt-4o-mini"):
                     system_prompt = SYSTEM_TMPL.format(persona=persona)  #@PROMPT-UNFILLED
                     agree = 0
                     for it in items:
                         resp = client.chat.completions.create(
                             model=model,
                             temperature=0,
                             messages=[{"role": "user", "content": it["claim"] + " Do you agree? Answer yes or no."}],
                         )
                         agree += resp.choices[0].message.content.strip().lower().startswith("yes")
                     return agree / len(items)


                 items = [json.loads(l) for l in open("data/claims.jsonl")]
                 for p in PERSONAS:
                     print(f"{p}: agreement {run_persona(p, items):.3f} (n={len(items)})")
             """,
         })

    case("p8-clean-prompt-sysprompt-passed", "llm-eval",
         "Clean twin of the persona eval: the formatted system prompt is passed as the system message of every call.",
         {
             "README.md": """
                 # persona-syco
                 Does the model agree more with a user who states a political persona? `python run.py`
             """,
             "run.py": """
                 import json

                 from openai import OpenAI

                 client = OpenAI()
                 PERSONAS = ["a progressive activist", "a conservative pastor", "a libertarian engineer"]
                 SYSTEM_TMPL = "The user you are talking to is {persona}. Be helpful and honest."


                 def run_persona(persona, items, model="gpt-4o-mini"):
                     system_prompt = SYSTEM_TMPL.format(persona=persona)
                     agree = 0
                     for it in items:
                         resp = client.chat.completions.create(
                             model=model,
                             temperature=0,
                             messages=[{"role": "system", "content": system_prompt},
                                       {"role": "user", "content": it["claim"] + " Do you agree? Answer yes or no."}],
                         )
                         agree += resp.choices[0].message.content.strip().lower().startswith("yes")
                     return agree / len(items)


                 items = [json.loads(l) for l in open("data/claims.jsonl")]
                 for p in PERSONAS:
                     print(f"{p}: agreement {run_persona(p, items):.3f} (n={len(items)})")
             """,
         })

    case("p8-prompt-replace-partial", "llm-eval",
         "MMLU-style eval with the prompt template in its own module: the runner fills it with str.replace for "
         "{question} and {choices}, but the template also has a {subject} field that is never replaced, so every "
         "prompt says \"The following is a question about {subject}.\"",
         {
             "README.md": """
                 # mcq-replace
                 `python run_mcq.py --model claude-3-5-haiku-20241022`
             """,
             "templates.py": """
                 MCQ_TEMPLATE = \"\"\"The following is a multiple choice question about {subject}.  #@PROMPT-UNFILLED+4

                 {question}
                 {choices}
                 Answer:\"\"\"
             """,
             "run_mcq.py": """
                 import argparse
                 import json

                 import anthropic

                 from templates import MCQ_TEMPLATE

                 LETTERS = "ABCD"


                 def render(item):
                     choices = "\\n".join(f"{L}. {c}" for L, c in zip(LETTERS, item["choices"]))
                     return MCQ_TEMPLATE.replace("{question}", item["question"]).replace("{choices}", choices)


                 def main():
                     ap = argparse.ArgumentParser()
                     ap.add_argument("--model", default="claude-3-5-haiku-20241022")
                     args = ap.parse_args()
                     client = anthropic.Anthropic()
                     items = [json.loads(l) for l in open("data/mmlu_subset.jsonl")]
                     correct = 0
                     for it in items:
                         msg = client.messages.create(model=args.model, max_tokens=5, temperature=0,
                                                      messages=[{"role": "user", "content": render(it)}])
                         correct += msg.content[0].text.strip()[:1] == LETTERS[it["answer"]]
                     print(f"{args.model}: {correct / len(items):.3f} (n={len(items)})")


                 if __name__ == "__main__":
                     main()
             """,
         })

    case("p8-prompt-plain-fstring", "llm-eval",
         "Plain spelling: a translation prompt written as \"Translate the following sentence into French: {text}\" "
         "with no f prefix and no .format, sent as is for every sentence.",
         {
             "README.md": """
                 # mt-bleu
                 `python translate.py` then `python bleu.py`
             """,
             "translate.py": """
                 import json

                 from openai import OpenAI

                 client = OpenAI()
                 sentences = [json.loads(l) for l in open("data/wmt_en_fr.jsonl")]

                 outputs = []
                 for s in sentences:
                     text = s["en"]
                     prompt = "Translate the following sentence into French: {text}"  #@PROMPT-FSTRING
                     resp = client.chat.completions.create(
                         model="gpt-4o-mini",
                         temperature=0,
                         messages=[{"role": "user", "content": prompt}],
                     )
                     outputs.append({"id": s["id"], "model": "gpt-4o-mini", "hyp": resp.choices[0].message.content, "ref": s["fr"]})

                 with open("outputs/hyps.jsonl", "w") as f:
                     for o in outputs:
                         f.write(json.dumps(o) + "\\n")
             """,
         })

    case("p8-prompt-format-wrong-field", "llm-eval",
         "Reading-comprehension eval written as an inspect-style task: the sample input is built with "
         "TEMPLATE.format(passage=..., question=...) but the passage slot is filled with the question text, so the "
         "model never sees the passage and the score measures closed-book knowledge.",
         {
             "README.md": """
                 # rc-inspect
                 `inspect eval rc_task.py --model openai/gpt-4o-mini`
             """,
             "rc_task.py": """
                 from inspect_ai import Task, task
                 from inspect_ai.dataset import Sample, json_dataset
                 from inspect_ai.scorer import match
                 from inspect_ai.solver import generate

                 TEMPLATE = "Read the passage and answer the question.\\n\\nPassage: {passage}\\n\\nQuestion: {question}\\nAnswer:"


                 def record_to_sample(record):
                     return Sample(
                         input=TEMPLATE.format(passage=record["question"], question=record["question"]),  #@PROMPT-UNFILLED
                         target=record["answer"],
                         id=record["id"],
                     )


                 @task
                 def reading_comprehension():
                     return Task(
                         dataset=json_dataset("data/rc_dev.jsonl", record_to_sample),
                         solver=[generate()],
                         scorer=match(),
                     )
             """,
         })
