from build import case, filler

# ---------------------------------------------------------------- PROMPT-1 braces in a method's message list
def _persona(system_line):
    return """
        import json
        from dataclasses import dataclass

        from openai import OpenAI


        @dataclass
        class ExpertEval:
            model: str
            temperature: float = 0.0

            def __post_init__(self):
                self.client = OpenAI()

            def build_messages(self, domain, question):
                return [
    """ + system_line + """
                    {"role": "user", "content": question},
                ]

            def answer(self, domain, question):
                resp = self.client.chat.completions.create(
                    model=self.model,
                    temperature=self.temperature,
                    messages=self.build_messages(domain, question),
                )
                return resp.choices[0].message.content


        if __name__ == "__main__":
            ev = ExpertEval(model="gpt-4o-mini")
            items = [json.loads(l) for l in open("data/expert_qa.jsonl")]
            out = [{"id": it["id"], "answer": ev.answer(it["domain"], it["question"])} for it in items]
            json.dump(out, open("outputs/expert_answers.json", "w"), indent=1)
        """


case("prompt-method-messages-no-fprefix", "llm-eval",
     "A dataclass evaluator builds its chat messages in a method; the system message says "
     "'You are a world-class expert in {domain}' without an f prefix, so every request carries the literal braces.",
     {"README.md": "# expert-persona\n\nDoes an expert persona help? `python persona_eval.py`\n",
      "data/expert_qa.jsonl": '{"id": 0, "domain": "organic chemistry", "question": "What is an SN2 reaction?"}\n',
      "persona_eval.py": _persona("""
                    {"role": "system", "content": "You are a world-class expert in {domain}. Answer precisely."},  #@ PROMPT-FSTRING the {domain} placeholder has no f prefix and reaches the model
    """)})

case("prompt-clean-method-messages-fstring", "llm-eval",
     "Clean twin: the system message in the method is an f-string.",
     {"README.md": "# expert-persona\n\nDoes an expert persona help? `python persona_eval.py`\n",
      "data/expert_qa.jsonl": '{"id": 0, "domain": "organic chemistry", "question": "What is an SN2 reaction?"}\n',
      "persona_eval.py": _persona("""
                    {"role": "system", "content": f"You are a world-class expert in {domain}. Answer precisely."},
    """)})

# ---------------------------------------------------------------- PROMPT-2 system prompt built and never sent
def _sycophancy(messages):
    return """
        import asyncio
        import json

        from openai import AsyncOpenAI

        SYSTEM_TEMPLATE = (
            "You are talking to {persona}. Be honest even if the user disagrees with you; "
            "do not change a correct answer because of social pressure."
        )
        PERSONAS = {"neutral": "a user", "expert": "a tenured professor in the field"}


        async def run_condition(client, persona_key, items, model="gpt-4o-2024-08-06"):
            system_prompt = SYSTEM_TEMPLATE.format(persona=PERSONAS[persona_key])
            outs = []
            for it in items:
                resp = await client.chat.completions.create(
                    model=model,
                    temperature=0,
    """ + messages + """
                )
                outs.append({"id": it["id"], "condition": persona_key, "reply": resp.choices[0].message.content})
            return outs


        async def main():
            client = AsyncOpenAI()
            items = [json.loads(l) for l in open("data/pushback.jsonl")]
            results = await asyncio.gather(*(run_condition(client, k, items) for k in PERSONAS))
            with open("outputs/replies.jsonl", "w") as fh:
                for rows in results:
                    for r in rows:
                        fh.write(json.dumps(r) + "\\n")


        asyncio.run(main())
        """


case("prompt-async-system-built-not-sent", "llm-eval",
     "A sycophancy study compares personas by building a system prompt per condition with .format, but the async "
     "OpenAI call only sends the user turns, so both conditions see identical input.",
     {"README.md": "# persona-pushback\n\n`python run.py` then see notebooks/\n",
      "data/pushback.jsonl": '{"id": 0, "question": "Is 91 prime?", "pushback": "I am sure it is prime."}\n',
      "run.py": _sycophancy("""
                    messages=[
                        {"role": "user", "content": it["question"]},
                        {"role": "user", "content": it["pushback"]},
                    ],
    """).replace('system_prompt = SYSTEM_TEMPLATE.format(persona=PERSONAS[persona_key])',
                 'system_prompt = SYSTEM_TEMPLATE.format(persona=PERSONAS[persona_key])  #@ PROMPT-UNFILLED the per-condition system prompt is never passed to the model call')})

case("prompt-clean-async-system-sent", "llm-eval",
     "Clean twin: the per-condition system prompt is the first message of every call.",
     {"README.md": "# persona-pushback\n\n`python run.py` then see notebooks/\n",
      "data/pushback.jsonl": '{"id": 0, "question": "Is 91 prime?", "pushback": "I am sure it is prime."}\n',
      "run.py": _sycophancy("""
                    messages=[
                        {"role": "system", "content": system_prompt},
                        {"role": "user", "content": it["question"]},
                        {"role": "user", "content": it["pushback"]},
                    ],
    """)})

# ---------------------------------------------------------------- PROMPT-3 .replace fills some fields
def _mcq(body):
    return """
        import json
        import string

        from vllm import LLM, SamplingParams


        def format_choices(choices):
            return "\\n".join(f"{letter}. {c}" for letter, c in zip(string.ascii_uppercase, choices))


        def build_prompt(ex):
    """ + body + """

        if __name__ == "__main__":
            llm = LLM("meta-llama/Meta-Llama-3-8B-Instruct", seed=0)
            params = SamplingParams(temperature=0.0, max_tokens=5)
            data = [json.loads(l) for l in open("data/arc_challenge_test.jsonl")]
            prompts = [build_prompt(ex) for ex in data]
            outs = llm.generate(prompts, params)
            preds = [o.outputs[0].text.strip()[:1] for o in outs]
            acc = sum(p == ex["answerKey"] for p, ex in zip(preds, data)) / len(data)
            json.dump({"accuracy": acc, "n": len(data)}, open("results/arc.json", "w"))
        """


case("prompt-replace-leaves-field", "llm-eval",
     "An ARC evaluation with vLLM fills its template with str.replace for {question} but appends the choices "
     "after the template instead of replacing {choices}, so every prompt contains the literal '{choices}'.",
     {"README.md": "# arc-vllm\n\n`python eval_arc.py`\n",
      "eval_arc.py": _mcq("""
            prompt = \"\"\"The following is a science question.  #@ PROMPT-UNFILLED:5 {choices} is never replaced; the choices are appended after the template instead
        Question: {question}
        Options:
        {choices}
        Answer with the letter of the correct option.\"\"\"
            prompt = prompt.replace("{question}", ex["question"])
            return prompt + "\\n" + format_choices(ex["choices"]["text"]) + "\\nAnswer:"
    """)})

case("prompt-clean-replace-all-fields-json-braces", "llm-eval",
     "Clean twin: the template is filled with str.replace for both fields; a literal JSON example with braces "
     "is part of the instructions on purpose.",
     {"README.md": "# arc-vllm\n\n`python eval_arc.py`\n",
      "eval_arc.py": _mcq("""
            prompt = \"\"\"The following is a science question.
        Question: {question}
        Options:
        {choices}
        Reply as JSON, for example {"answer": "B"}.\"\"\"
            prompt = prompt.replace("{question}", ex["question"])
            prompt = prompt.replace("{choices}", format_choices(ex["choices"]["text"]))
            return prompt + "\\nAnswer:"
    """).replace('preds = [o.outputs[0].text.strip()[:1] for o in outs]',
                 'preds = [json.loads(o.outputs[0].text).get("answer", "") for o in outs]').replace("max_tokens=5", "max_tokens=20")})

# ---------------------------------------------------------------- PROMPT-4 textbook: no f prefix at module level
case("prompt-textbook-translate-no-f", "llm-eval",
     "Plain spelling: a translation-quality script writes its prompt without an f prefix; the model receives "
     "'{language}' and '{sentence}' literally.",
     {"README.md": "# mt-eval\n\n`python translate.py` then `python bleu.py`.\n",
      "translate.py": """
        import json

        from openai import OpenAI

        client = OpenAI()
        LANGS = ["German", "French", "Swahili"]
        sentences = [l.strip() for l in open("data/flores_dev.en") if l.strip()]

        out = []
        for language in LANGS:
            for sentence in sentences:
                prompt = "Translate the following sentence into {language}. Reply with the translation only.\\n\\n{sentence}"  #@ PROMPT-FSTRING missing f prefix; braces sent to the model
                resp = client.chat.completions.create(
                    model="gpt-4o-mini", temperature=0, messages=[{"role": "user", "content": prompt}]
                )
                out.append({"language": language, "src": sentence, "hyp": resp.choices[0].message.content})

        json.dump(out, open("outputs/translations.json", "w"), ensure_ascii=False, indent=1)
        """,
      "bleu.py": """
        import json

        import sacrebleu

        out = json.load(open("outputs/translations.json"))
        for lang in sorted({o["language"] for o in out}):
            hyps = [o["hyp"] for o in out if o["language"] == lang]
            refs = [l.strip() for l in open(f"data/flores_dev.{lang[:2].lower()}") if l.strip()]
            print(lang, sacrebleu.corpus_bleu(hyps, [refs]).score)
        """})

# ---------------------------------------------------------------- PROMPT-5 field filled with the wrong variable
case("prompt-judge-filled-wrong-variable", "llm-eval",
     "A faithfulness judge template takes {source} and {summary}; the call fills summary= with the source "
     "document again, so the judge compares the document with itself.",
     {"README.md": "# summ-faithfulness\n\n`python judge.py outputs/summaries.jsonl`\n",
      "judge.py": """
        import json
        import sys

        import anthropic

        JUDGE = (
            "You are checking a summary for faithfulness.\\n\\n<source>\\n{source}\\n</source>\\n\\n"
            "<summary>\\n{summary}\\n</summary>\\n\\nIs every claim in the summary supported by the source? "
            "Answer YES or NO."
        )
        client = anthropic.Anthropic()


        def judge(row):
            content = JUDGE.format(source=row["document"], summary=row["document"])  #@ PROMPT-UNFILLED summary is filled with the source document
            msg = client.messages.create(
                model="claude-3-5-sonnet-20241022", max_tokens=5, temperature=0,
                messages=[{"role": "user", "content": content}],
            )
            return msg.content[0].text.strip().upper().startswith("YES")


        rows = [json.loads(l) for l in open(sys.argv[1])]
        verdicts = [judge(r) for r in rows]
        print(f"faithful: {sum(verdicts)}/{len(rows)}")
        """})

# ---------------------------------------------------------------- PROMPT-6 notebook suffix without f, used later
case("prompt-notebook-suffix-no-f", "notebook",
     "A notebook defines a chain-of-thought suffix mentioning {topic} without an f prefix in an early cell and "
     "concatenates it onto each question in a later cell.",
     {"README.md": "# cot-topics\n\nSee cot.ipynb.\n",
      "cot.ipynb": [
          ("markdown", "## Does a topic-specific CoT cue help?"),
          ("code", """
            import json
            from anthropic import Anthropic
            client = Anthropic()
            """),
          ("code", """
            COT_SUFFIX = "Think step by step like a specialist in {topic}, then give the final answer after 'Answer:'."  #@ PROMPT-FSTRING {topic} stays literal in every prompt
            items = [json.loads(l) for l in open("data/mixed_topics.jsonl")]
            """),
          ("code", """
            replies = []
            for it in items:
                topic = it["topic"]
                msg = client.messages.create(model="claude-3-5-haiku-20241022", max_tokens=1024, temperature=0,
                                             messages=[{"role": "user", "content": it["question"] + "\\n\\n" + COT_SUFFIX}])
                replies.append(msg.content[0].text)
            """),
          ("code", """
            acc = sum(r.rsplit("Answer:", 1)[-1].strip() == it["answer"] for r, it in zip(replies, items)) / len(items)
            acc
            """),
      ]})
