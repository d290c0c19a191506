r"""The training record: every epoch's figures at one even stride, with their range.

A live network can train for 100,000 epochs; the record must stay bounded, and must
still show how the network learned. Thinning "the older half by 2 at every fill" keeps
recent epochs whole but thins the oldest exponentially (after 20,000 epochs with 500
slots the first kept epoch after 0 was 18,878): the charts then drew the whole learning
phase as one straight line. This record uses one rule instead:

* epoch 0 (the initial weights) is kept on its own, the **start**;
* every later epoch goes into a **row** of ``stride`` consecutive epochs: row ``k``
  stands for epochs ``k·stride + 1 … (k + 1)·stride``, and holds the figures of its last
  epoch (so the newest row is the current state) together with the **minimum and the
  maximum** of every figure over all its epochs (a band: a peak between two kept epochs
  cannot vanish);
* when the rows are full, neighbouring rows merge in pairs (the later one's figures, the
  lower of the minima, the higher of the maxima) and ``stride`` doubles.

So the rows always cover the whole run at one even stride, and each says exactly which
epochs it stands for (``first`` … ``epoch``). :meth:`History.merged` applies the same
pair rule again to hand a chart fewer rows. NaN (no test points) is ignored by the
bands where a figure has values, and stays NaN where it has none.
"""

from __future__ import annotations

import numpy as np

__all__ = ["History"]


class History:
    """The record of one training run, ``capacity`` rows at most after the start.

    Read as attributes or items (``h.train_loss``, ``h["train_loss"]``): read-only
    arrays, oldest first, the start included: ``epoch`` (int64, the last epoch of each
    row), ``first`` (its first epoch), ``count`` (epochs it stands for), ``train_loss``,
    ``test_loss``, ``train_acc``, ``test_acc`` (float64) and ``grad_norms`` (rows,
    n_layers). ``low(name)`` and ``high(name)`` give each figure's band.
    """

    KEYS = ("epoch", "train_loss", "test_loss", "train_acc", "test_acc", "grad_norms")
    _COLUMNS = ("train_loss", "test_loss", "train_acc", "test_acc")

    def __init__(self, capacity: int, n_layers: int):
        # An even number of rows, so that a full record merges in whole pairs.
        self.capacity = max(4, int(capacity) // 2 * 2)
        self.n_layers = int(n_layers)
        width = len(self._COLUMNS) + self.n_layers
        self.stride = 1
        self._start_epoch: int | None = None
        self._start = np.zeros(width)
        self._epoch = np.zeros(self.capacity, np.int64)
        self._count = np.zeros(self.capacity, np.int64)
        self._value = np.zeros((self.capacity, width))
        self._low = np.zeros((self.capacity, width))
        self._high = np.zeros((self.capacity, width))
        self._rows = 0

    def __len__(self) -> int:
        return self._rows + (self._start_epoch is not None)

    # ------------------------------------------------------------------ writing

    def append(self, epoch: int, values, norms) -> None:
        """Record one epoch: ``values`` = (train_loss, test_loss, train_acc, test_acc),
        ``norms`` = the gradient norm of each weight layer. Epochs come in order."""
        row = np.concatenate((np.asarray(values, dtype=np.float64)[:4], np.asarray(norms, dtype=np.float64)))
        if self._start_epoch is None:
            self._start_epoch, self._start[:] = int(epoch), row
            return
        last = self._rows - 1
        if self._rows and self._count[last] < self.stride:
            self._fold(last, int(epoch), row)
            return
        if self._rows == self.capacity:
            self._merge_pairs()
        i = self._rows
        self._epoch[i], self._count[i] = int(epoch), 1
        self._value[i] = self._low[i] = self._high[i] = row
        self._rows += 1

    def _fold(self, i: int, epoch: int, row: np.ndarray) -> None:
        """One more epoch into row ``i``: its figures become the row's, its range widens."""
        self._epoch[i] = epoch
        self._count[i] += 1
        self._value[i] = row
        np.fmin(self._low[i], row, out=self._low[i])
        np.fmax(self._high[i], row, out=self._high[i])

    def _merge_pairs(self) -> None:
        n = self._rows // 2
        late = slice(1, 2 * n, 2)
        self._epoch[:n] = self._epoch[late]
        self._count[:n] = self._count[0:2 * n:2] + self._count[late]
        self._value[:n] = self._value[late]
        self._low[:n] = np.fmin(self._low[0:2 * n:2], self._low[late])
        self._high[:n] = np.fmax(self._high[0:2 * n:2], self._high[late])
        self._rows = n
        self.stride *= 2

    # ------------------------------------------------------------------ reading

    def _with_start(self, rows: np.ndarray, start) -> np.ndarray:
        if self._start_epoch is None:
            return rows[:0]
        return np.concatenate((np.asarray([start], dtype=rows.dtype).reshape((1, *rows.shape[1:])),
                               rows[: self._rows]))

    @staticmethod
    def _view(a: np.ndarray) -> np.ndarray:
        a.flags.writeable = False
        return a

    @property
    def epoch(self) -> np.ndarray:
        return self._view(self._with_start(self._epoch, self._start_epoch or 0))

    @property
    def count(self) -> np.ndarray:
        return self._view(self._with_start(self._count, 1))

    @property
    def first(self) -> np.ndarray:
        return self._view(self.epoch - self.count + 1)

    def _column(self, table: np.ndarray, j) -> np.ndarray:
        return self._view(self._with_start(table, self._start)[:, j])

    @property
    def grad_norms(self) -> np.ndarray:
        return self._column(self._value, slice(len(self._COLUMNS), None))

    def low(self, name: str) -> np.ndarray:
        """The smallest value of figure ``name`` over each row's epochs."""
        return self._column(self._low, self._index(name))

    def high(self, name: str) -> np.ndarray:
        """The largest value of figure ``name`` over each row's epochs."""
        return self._column(self._high, self._index(name))

    def _index(self, name: str):
        if name == "grad_norms":
            return slice(len(self._COLUMNS), None)
        return self._COLUMNS.index(name)

    def __getattr__(self, name: str):
        if name in type(self)._COLUMNS:
            return self._column(self._value, type(self)._COLUMNS.index(name))
        raise AttributeError(name)

    def __getitem__(self, key: str) -> np.ndarray:
        if key not in self.KEYS:
            raise KeyError(key)
        return getattr(self, key)

    def keys(self):
        return self.KEYS

    def as_dict(self) -> dict[str, np.ndarray]:
        """Independent copies of every record."""
        return {k: np.array(self[k]) for k in self.KEYS}

    def since(self, first: int) -> dict[str, np.ndarray]:
        """The rows that start at epoch ``first`` or later, in :meth:`merged`'s keys (the
        start included when ``first`` is 0): what a live view that holds the rest lacks.
        Only those rows are copied, so a tick pays for what it sends, not for the record."""
        if self._start_epoch is None:
            return self.merged(1)
        rows = slice(0, self._rows)
        firsts = self._epoch[rows] - self._count[rows] + 1
        i = int(np.searchsorted(firsts, first, side="left"))
        take = slice(i, self._rows)
        out = {"epoch": self._epoch[take].copy(), "count": self._count[take].copy()}
        tables = {"": self._value[take], "_low": self._low[take], "_high": self._high[take]}
        for name in (*self._COLUMNS, "grad_norms"):
            column = self._index(name)
            for suffix, table in tables.items():
                out[name + suffix] = table[:, column].copy()
        if first <= self._start_epoch:
            for key in out:
                out[key] = np.concatenate((np.asarray([self._start_value(key)]).reshape((1, *out[key].shape[1:])),
                                           out[key]))
        out["first"] = out["epoch"] - out["count"] + 1
        return out

    def _start_value(self, key: str):
        """The start's entry under a key of :meth:`since` (its band is its value)."""
        if key in ("epoch", "count"):
            return self._start_epoch if key == "epoch" else 1
        name = key.removesuffix("_low").removesuffix("_high")
        return self._start[self._index(name)]

    def merged(self, limit: int) -> dict[str, np.ndarray]:
        """The record in at most ``limit`` rows (the start kept on its own): the rows
        merged in pairs, as when the record fills, as often as needed. Keys: ``epoch``,
        ``first``, ``count``, and for every figure (and ``grad_norms``) its value, its
        ``<name>_low`` and ``<name>_high``."""
        names = (*self._COLUMNS, "grad_norms")
        out = {"epoch": self.epoch, "count": self.count}
        for name in names:
            out[name], out[f"{name}_low"], out[f"{name}_high"] = self[name], self.low(name), self.high(name)
        while len(out["epoch"]) > max(2, int(limit)):
            out = _merge_rows(out, names)
        out["first"] = out["epoch"] - out["count"] + 1
        return out


def _merge_rows(table: dict[str, np.ndarray], names) -> dict[str, np.ndarray]:
    """Merge neighbouring rows in pairs after the start (an odd last row stays alone)."""
    n = len(table["epoch"]) - 1
    late = np.r_[np.arange(1, n, 2) + 1, [n] if n % 2 else []].astype(int)
    early = np.r_[np.arange(1, n, 2), [n] if n % 2 else []].astype(int)
    keep = np.r_[0, late]

    def pair(key, combine):
        a = table[key]
        return np.concatenate((a[:1], combine(a[early], a[late])))

    out = {"epoch": table["epoch"][keep], "count": np.concatenate((table["count"][:1],
                                                                    table["count"][early] + table["count"][late]))}
    # An odd last row pairs with itself: its count must not double.
    if n % 2:
        out["count"][-1] = table["count"][n]
    for name in names:
        out[name] = table[name][keep]
        out[f"{name}_low"] = pair(f"{name}_low", np.fmin)
        out[f"{name}_high"] = pair(f"{name}_high", np.fmax)
    return out
