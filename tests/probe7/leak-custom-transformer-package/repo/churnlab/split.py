from sklearn.model_selection import train_test_split


def holdout(X, y, frac=0.2):
    return train_test_split(X, y, test_size=frac, stratify=y, random_state=42)
