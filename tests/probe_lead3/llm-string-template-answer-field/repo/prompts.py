from string import Template

MATH_PROMPT = Template(
    "Solve the competition problem. Put the final answer in \\boxed{}.\n\n"
    "Problem: $problem\n"
    "Reference steps (for formatting only): $solution\n"
    "Your solution:"
)
