"""Matrix products of the model through numpy's BLAS, on one thread.

thinc multiplies matrices with its bundled BLIS by default. On the project's machine (AMD EPYC,
AVX2) BLIS reaches 17-25 GFLOPS on the model's shapes (up to 2,000 x 288 by 288 x 288) where
the OpenBLAS that numpy ships reaches 55-90 on one thread, and those products are most of the
tok2vec layer, the largest cost of a parse. `use_numpy_gemm` points every layer of the model at
thinc's `NumpyOps(use_blis=False)`, which hands `gemm` to numpy; the parser's step-by-step C
loop keeps BLIS (thinc gives it no other choice). The weights and the maths are the same; only
the order of the float additions inside a product may differ.

numpy's OpenBLAS starts one thread per core for large products, and its idle threads spin:
with one pipeline per core (tacitus.jobs.parallel) that would oversubscribe the cores, so
`single_thread_blas` asks it for one thread (processes, not threads, give Tacitus its cores).
"""

from __future__ import annotations

import ctypes
import functools
from pathlib import Path
from typing import Any

import numpy
from spacy.language import Language
from thinc.api import NumpyOps

#: The thread-count setters OpenBLAS builds export (numpy's wheels prefix theirs with scipy_).
_SETTERS = (
    "scipy_openblas_set_num_threads64_",
    "scipy_openblas_set_num_threads",
    "openblas_set_num_threads64_",
    "openblas_set_num_threads",
)


def use_numpy_gemm(nlp: Language) -> int:
    """Point every model layer of `nlp` that runs on thinc's CPU ops at numpy's BLAS; the layers changed."""
    ops = NumpyOps(use_blis=False)
    changed = 0
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps and getattr(node.ops, "use_blis", False):
                node.ops = ops
                changed += 1
    if changed:
        single_thread_blas()
    return changed


@functools.cache
def single_thread_blas() -> bool:
    """Ask numpy's OpenBLAS for one thread; False when numpy's BLAS is not an OpenBLAS we can find."""
    folder = Path(numpy.__file__).resolve().parent.parent / "numpy.libs"
    for path in sorted(folder.glob("*openblas*.so*")):
        library: Any = ctypes.CDLL(str(path))
        for name in _SETTERS:
            setter = getattr(library, name, None)
            if setter is not None:
                setter(1)
                return True
    return False
