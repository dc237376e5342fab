TEMPLATE = (
    "Classify the sentiment of the review as positive, negative or neutral ({label_name}).\n\n"
    "Review: {text}\nSentiment:"
)
