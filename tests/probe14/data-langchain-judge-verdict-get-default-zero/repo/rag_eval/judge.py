from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI

JUDGE_PROMPT = ChatPromptTemplate.from_messages([
    ("system", "You check whether an answer is supported by the retrieved passages. "
               "Reply with one word: FAITHFUL, PARTIAL or UNFAITHFUL."),
    ("human", "Passages:\n{context}\n\nAnswer:\n{answer}"),
])

VERDICT_SCORES = {"FAITHFUL": 1.0, "PARTIAL": 0.5, "UNFAITHFUL": 0.0}

judge_chain = JUDGE_PROMPT | ChatOpenAI(model="gpt-4o-mini", temperature=0) | StrOutputParser()


def faithfulness(context: str, answer: str) -> float:
    verdict = judge_chain.invoke({"context": context, "answer": answer}).strip()
    return VERDICT_SCORES.get(verdict, 0.0)
