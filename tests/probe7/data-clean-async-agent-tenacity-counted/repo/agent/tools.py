import json

TOOLS = [
    {"type": "function", "function": {
        "name": "search_catalog",
        "description": "Search the shop catalog",
        "parameters": {"type": "object", "properties": {"query": {"type": "string"}},
                       "required": ["query"]}}},
    {"type": "function", "function": {
        "name": "add_to_cart",
        "description": "Add an item id to the cart",
        "parameters": {"type": "object", "properties": {"item_id": {"type": "string"}},
                       "required": ["item_id"]}}},
]


def call_tool(env, name, arguments):
    args = json.loads(arguments)
    if name == "search_catalog":
        return env.search(args["query"])
    if name == "add_to_cart":
        return env.add(args["item_id"])
    raise ValueError(name)
