NUMERIC = ["income", "loan_amount", "dti", "credit_history_months"]
CATEGORICAL = ["home_ownership", "purpose", "state"]
TARGET = "defaulted"
