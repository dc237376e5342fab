import random

from torch.utils.data import Sampler


class BucketBatchSampler(Sampler):
    def __init__(self, lengths, batch_size, n_buckets=20):
        order = sorted(range(len(lengths)), key=lambda i: lengths[i])
        size = (len(order) + n_buckets - 1) // n_buckets
        self.buckets = [order[i:i + size] for i in range(0, len(order), size)]
        self.batch_size = batch_size

    def __iter__(self):
        batches = []
        for b in self.buckets:
            b = b[:]
            random.shuffle(b)
            batches += [b[i:i + self.batch_size] for i in range(0, len(b), self.batch_size)]
        random.shuffle(batches)
        return iter(batches)

    def __len__(self):
        return sum((len(b) + self.batch_size - 1) // self.batch_size for b in self.buckets)
