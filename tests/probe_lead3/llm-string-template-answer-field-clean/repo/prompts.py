from string import Template

MATH_PROMPT = Template(
    "Solve the competition problem. Put the final answer in \\boxed{}.\n\n"
    "Problem: $problem\n"
    "Your solution:"
)
