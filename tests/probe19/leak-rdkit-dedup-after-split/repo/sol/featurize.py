import numpy as np
from rdkit import Chem
from rdkit.Chem import rdFingerprintGenerator

_gen = rdFingerprintGenerator.GetMorganGenerator(radius=2, fpSize=2048)


def canonical(smiles):
    mol = Chem.MolFromSmiles(smiles)
    return Chem.MolToSmiles(mol) if mol is not None else None


def fingerprints(smiles_list):
    return np.stack([_gen.GetFingerprintAsNumPy(Chem.MolFromSmiles(s)) for s in smiles_list])
