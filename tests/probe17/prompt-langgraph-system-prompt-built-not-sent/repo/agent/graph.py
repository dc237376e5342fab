from typing import Annotated, TypedDict

from langchain_openai import ChatOpenAI
from langgraph.graph import END, START, StateGraph
from langgraph.graph.message import add_messages
from langgraph.prebuilt import ToolNode, tools_condition

from agent.tools import TOOLS

SYSTEM_TEMPLATE = """You are a support agent for {store}. Follow the policy exactly.

POLICY:
{policy}
"""

llm = ChatOpenAI(model="gpt-4o-2024-08-06", temperature=0).bind_tools(TOOLS)


class State(TypedDict):
    messages: Annotated[list, add_messages]
    store: str
    policy: str


def agent(state: State):
    system = SYSTEM_TEMPLATE.format(store=state["store"], policy=state["policy"])
    reply = llm.invoke(state["messages"])
    return {"messages": [reply]}


def build():
    g = StateGraph(State)
    g.add_node("agent", agent)
    g.add_node("tools", ToolNode(TOOLS))
    g.add_edge(START, "agent")
    g.add_conditional_edges("agent", tools_condition)
    g.add_edge("tools", "agent")
    return g.compile()
