def load_tagger(checkpoint, seed):
    raise NotImplementedError


def read_conll(path):
    sentences, tags, cur_s, cur_t = [], [], [], []
    for line in open(path):
        if not line.strip():
            if cur_s:
                sentences.append(cur_s)
                tags.append(cur_t)
            cur_s, cur_t = [], []
            continue
        tok, *_, tag = line.split()
        cur_s.append(tok)
        cur_t.append(tag)
    return sentences, tags
