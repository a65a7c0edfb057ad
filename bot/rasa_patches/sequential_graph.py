"""Run Rasa's model graphs in order in the calling thread, without Dask.

``DaskGraphRunner.run`` cuts the graph down to the targets' ancestors, builds a Dask graph,
orders it and hands it to Dask's local scheduler on every run, twice per message (NLU, then
each policy prediction): profiling showed about a third of the graph's time spent around the
nodes rather than in them. The nodes are the same either way and call each other only through
their declared inputs, so this computes each target's ancestors once, in dependency order, and
calls the same ``GraphNode`` objects with the same arguments: each input as ``(name, value)``,
each node's output as its ``(name, output)`` pair, a missing input passed as its bare name (as
Dask does), and a ``RuntimeError`` turned into ``GraphRunError`` (as Rasa does).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from rasa.engine.exceptions import GraphRunError
from rasa.engine.graph import GraphNode
from rasa.engine.runner.dask import DaskGraphRunner

dask_run = DaskGraphRunner.run  # Rasa's own, kept for comparison in the tests
Plan = List[Tuple[str, GraphNode, List[str]]]  # (node name, node, names of its inputs), dependencies first


def _plan(runner: DaskGraphRunner, targets: List[str]) -> Plan:
    """The targets' ancestors in dependency order (computed once per runner and targets)."""
    plans: Dict[Tuple[str, ...], Plan] = runner.__dict__.setdefault("_sequential_plans", {})
    key = tuple(targets)
    if key not in plans:
        nodes, order, seen = runner._graph_schema.nodes, [], set()

        def visit(name: str) -> None:
            if name in seen or name not in nodes:  # done, or an input placeholder
                return
            seen.add(name)
            for need in nodes[name].needs.values():
                visit(need)
            order.append(name)

        for target in targets:
            visit(target)
        plans[key] = [(name, runner._instantiated_nodes[name], list(nodes[name].needs.values())) for name in order]
    return plans[key]


def run(self: DaskGraphRunner, inputs: Optional[Dict[str, Any]] = None,
        targets: Optional[List[str]] = None) -> Dict[str, Any]:
    """Runs the graph (same contract as ``DaskGraphRunner.run``)."""
    run_targets = targets if targets else self._graph_schema.target_names
    plan = _plan(self, run_targets)
    names = {name for name, _, _ in plan}
    results: Dict[str, Any] = {}
    for name, value in (inputs or {}).items():
        if isinstance(value, str) and (value in names or value in results):
            raise GraphRunError(f"Input value '{value}' clashes with a node name. Make sure that none of the input "
                                "names passed to the `run` method are the same as node names in the graph schema.")
        results[name] = (name, value)
    try:
        for name, node, needs in plan:
            if name not in results:  # an input of the same name replaces the node, as in Dask's graph
                results[name] = node(*(results.get(need, need) for need in needs))
    except RuntimeError as error:
        raise GraphRunError("Error running runner.") from error
    return dict(results[target] for target in run_targets)


def install() -> None:
    """Replace DaskGraphRunner.run once."""
    if DaskGraphRunner.run is not run:
        DaskGraphRunner.run = run


__all__ = ["dask_run", "install", "run"]
