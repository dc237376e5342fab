import yaml

with open("prompts/sql.yaml") as fh:
    TEMPLATE = yaml.safe_load(fh)["template"]


def build_prompt(schema: str, question: str) -> str:
    return TEMPLATE.replace("{schema}", schema).replace("{question}", question)
