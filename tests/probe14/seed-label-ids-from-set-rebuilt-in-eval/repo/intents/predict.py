import joblib
import pandas as pd
from sklearn.metrics import accuracy_score


def main():
    train = pd.read_csv("data/intents_train.csv")
    intents = list(set(train["intent"]))
    test = pd.read_csv("data/intents_test.csv")
    pipe = joblib.load("models/intent_clf.joblib")
    pred = [intents[i] for i in pipe.predict(test["text"])]
    print(f"intent accuracy {accuracy_score(test['intent'], pred):.3f}")


if __name__ == "__main__":
    main()
