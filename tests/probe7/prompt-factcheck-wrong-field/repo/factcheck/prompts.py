VERIFY_TEMPLATE = """Evidence:
{evidence}

Claim: {claim}

Based only on the evidence, is the claim SUPPORTED or REFUTED? Answer with one word."""
