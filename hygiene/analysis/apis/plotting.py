"""Plotting libraries and the drawing methods of their axes: what reaches them is drawn, not computed on.

Shared by `hygiene.analysis.toy_draws` (a draw that only orders or places what a figure shows) and LEAK001 (a
step fit on the test part whose output is only drawn).
"""
from __future__ import annotations

# Qualified names of plotting libraries' calls (`matplotlib.pyplot.scatter`, `seaborn.heatmap`).
PLOTTING_ROOTS = ("matplotlib.", "seaborn.", "plotly.", "bokeh.", "altair.")
# Methods of a figure's axes (`axs[0].imshow(image[idx])`, `ax.set_title(names[idx])`, `ax.plot_surface(...)`).
PLOTTING_METHODS = frozenset({"imshow", "matshow", "set_title", "set_xlabel", "set_ylabel", "scatter", "plot", "hist",
                              "bar", "barh", "text", "annotate", "contour", "contourf", "pcolormesh", "add_patch",
                              "suptitle", "errorbar", "fill_between", "scatter3D", "plot_surface",
                              # the axes' limits and reference lines (`ax.set_xlim((0, np.max(losses)))`)
                              "set_xlim", "set_ylim", "axhline", "axvline"})
