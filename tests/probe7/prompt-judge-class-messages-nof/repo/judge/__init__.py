from .pairwise import PairwiseJudge
