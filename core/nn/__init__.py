"""The neural-network engine: everything that trains the live page's network.

One module per concept, each importing only the ones above it:

* :mod:`core.nn.tape` — the "op tape": a list of numpy calls replayed without Python
  in between (why the engine is fast), and the BLAS helpers the ops use;
* :mod:`core.nn.losses` — what training minimises: the data losses (value and δ
  together) and the L1/L2 weight penalties;
* :mod:`core.nn.optimizers` — how a gradient becomes a step: SGD, momentum, Adam;
* :mod:`core.nn.mlp` — the network: parameters, initialisation, and a plain,
  readable forward and backward pass (the reference the compiled one is tested against);
* :mod:`core.nn.compiled` — one training epoch (and the evaluation after it) compiled
  into op tapes over named, preallocated buffers;
* :mod:`core.nn.trainer` — the training loop: config, divergence, live changes;
* :mod:`core.nn.history` — the record of every epoch at one even stride, with bands;
* :mod:`core.nn.session` — one learner's trainers (the main one and the compared ones);
* :mod:`core.nn.fair_share` — how much training each tick may do when many learners train.

Beside them, what the engine trains on and with: :mod:`core.nn.activations` (the
catalog), :mod:`core.nn.features`, :mod:`core.nn.datasets`, the picture over the
plane, :mod:`core.nn.plane`, and what a run's figures say, :mod:`core.nn.diagnostics`.
"""
