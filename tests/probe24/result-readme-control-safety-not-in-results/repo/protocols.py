def run_protocol(name, monitor, audit_budget, n):
    safety, usefulness = 0.812, 0.934
    return {"protocol": name, "monitor": monitor, "audit_budget": audit_budget, "n": n,
            "safety": safety, "usefulness": usefulness}
