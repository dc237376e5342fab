def bm25_search(corpus, queries):
    raise NotImplementedError


def dense_search(corpus, queries):
    raise NotImplementedError


def hybrid_search(corpus, queries):
    raise NotImplementedError
