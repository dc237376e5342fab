from torch_geometric.loader import NeighborLoader


def make_loaders(data, batch_size=1024):
    train_loader = NeighborLoader(data, num_neighbors=[15, 10], batch_size=batch_size,
                                  input_nodes=data.train_mask, shuffle=True)
    test_loader = NeighborLoader(data, num_neighbors=[15, 10], batch_size=batch_size,
                                 input_nodes=data.train_mask, shuffle=False)
    return train_loader, test_loader
