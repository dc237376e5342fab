import numpy as np
import xarray as xr

ds = xr.open_dataset("data/era5_t2m_monthly.nc")
t2m = ds["t2m"].sel(latitude=slice(60, 30), longitude=slice(-20, 40))

base = t2m.sel(time=slice("1979-01-01", "2012-12-31"))
clim_mean = base.mean("time")
clim_std = base.std("time")
z = (t2m - clim_mean) / clim_std

train = z.sel(time=slice("1979-01-01", "2012-12-31"))
test = z.sel(time=slice("2013-01-01", "2022-12-31"))
np.savez_compressed("data/anoms.npz", train=train.values, test=test.values,
                    train_time=train.time.values, test_time=test.time.values)
