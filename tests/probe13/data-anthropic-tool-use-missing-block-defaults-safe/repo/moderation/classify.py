import anthropic

client = anthropic.Anthropic()

TOOLS = [
    {
        "name": "record_label",
        "description": "Record the moderation label for the message.",
        "input_schema": {
            "type": "object",
            "properties": {"label": {"type": "string", "enum": ["safe", "unsafe"]}},
            "required": ["label"],
        },
    }
]


def classify(text: str, model: str = "claude-3-5-sonnet-20241022") -> str:
    msg = client.messages.create(
        model=model,
        max_tokens=200,
        temperature=0,
        tools=TOOLS,
        messages=[{"role": "user", "content": f"Label this message:\n\n{text}"}],
    )
    block = next((b for b in msg.content if b.type == "tool_use"), None)
    if block is None:
        return "safe"
    return block.input["label"]
