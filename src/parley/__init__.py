"""parley: who said what, and who did what to whom, when — from raw international news."""

import os

# One BLAS thread per process unless the user chose otherwise. The model's matrices are small: with
# OpenBLAS's default thread pool a parse costs about a fifth more CPU and a second worker loses its core.
# parley scales out by processes (`parley run --workers N`). This must run before numpy is first imported
# (OpenBLAS reads it once, when loaded), so it lives here; worker processes inherit it.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
