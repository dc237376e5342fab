TOPIC_PROMPT = (
    "Headline: {headline}\n"
    "Classify the headline into exactly one of: {labels}.\n"
    "Topic:"
)


def render(template, **fields):
    return template.format(**fields)
