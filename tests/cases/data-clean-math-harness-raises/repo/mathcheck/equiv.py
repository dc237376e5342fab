import sympy
from sympy.parsing.sympy_parser import parse_expr


def answers_match(lhs: str, rhs: str) -> bool:
    """Symbolic equality of two final answers."""
    if lhs.strip() == rhs.strip():
        return True
    try:
        a, b = parse_expr(lhs), parse_expr(rhs)
    except (sympy.SympifyError, SyntaxError, TypeError):
        return False
    return sympy.simplify(a - b) == 0
