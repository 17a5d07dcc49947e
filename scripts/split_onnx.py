"""Cut a fine-tuned all-MiniLM-L6-v2 ONNX model into the shared base and its own top.

The three shipped transformer models (check-worthiness, span tagger, fact-check
cross-encoder) are all-MiniLM-L6-v2 with their lower layers frozen, so their embeddings
and first layers are the same bytes. They ship as one base file and one small top each::

    minilm-base/base-int8.onnx     input_ids, attention_mask -> hidden_states, attention_bias
    checkworthy-ft/top-int8.onnx   hidden_states, attention_bias, attention_mask -> logits
    rhetoric-tagger/top-int8.onnx  hidden_states, attention_bias -> inside
    matcher-ce/top-int8.onnx       hidden_states, attention_bias, attention_mask -> logits

``hidden_states`` is the output of encoder layer ``--layers - 1`` (float32, batch x
tokens x 384), ``attention_bias`` what every layer's attention adds to its scores (0 for a
token, a large negative number for padding; computed once from the attention mask, so a
top need not compute it again at every call); a top reads ``attention_mask``
only if its head pools over it. The runtime (``newstrail.embeddings.finetuned_parts``)
runs the base once per input and feeds the top what it reads, by name. The cut is made in the
int8 graph that ``quantize_dynamic`` wrote: weights are quantised per channel and
activations per tensor at run time, and every quantised input of a layer lies on one side
of the cut, so the chained parts compute what the whole graph computes.

Usage (in the training environment, which has ``onnx``; nothing at run time needs it)::

    python scripts/split_onnx.py FULL.onnx TOP.onnx [FULL2.onnx TOP2.onnx ...]
        [--base src/newstrail/models/minilm-base/base-int8.onnx] [--layers 2] [--write-base]

For each full model it writes the top, checks that the model's base part has the base
file's weights (the same initializer bytes: the model kept the embeddings and layers
below ``--layers`` frozen) and that base and top chained give the full model's outputs on
a few texts (prints the largest difference; fails above ``--tolerance``).
``--write-base`` (re)writes the base file from the first model instead of checking
against it; all given models must then still share it. The training scripts run it on
the model they export (``--final``; the span tagger's ``export`` step).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newstrail.embeddings import BASE_PATH, HIDDEN, ONNX_DIR, ChainedSession, first_outputs, onnx_session  # noqa: E402

#: the base's second output (the runtime feeds a top what it reads by name; HIDDEN is the first)
BIAS = "attention_bias"
#: an attention layer's Add of the mask's bias to its scores: input 1 is the bias
_ATTENTION_ADD = re.compile(r"attention/self/Add$")
#: layers in the base by default: what the three shipped models keep frozen in common
LAYERS = 2
#: what a model's meta.json says of its files
SHIPPED_PARTS = {
    "base": "../minilm-base/base-int8.onnx, shared by the three fine-tuned models: the embeddings and layers 0-1 "
            "of all-MiniLM-L6-v2 as published (int8); input_ids, attention_mask -> hidden_states, attention_bias",
    "top": "top-int8.onnx: layers 2-5 and the head (int8); hidden_states, attention_bias (and attention_mask "
           "if the head pools over it) -> the output",
    "split_by": "scripts/split_onnx.py (the chained parts give the whole int8 model's outputs)",
}
#: fictional texts and pairs the chained parts are checked on (the scripts add real ones)
PROBES = [
    "Harbour fees in Velmora rose by 12% in 2025, the port authority said.",
    "They are traitors and cowards who sold out the people of Porthaven.",
    "Thank you all so much.",
    ("Did the crane at Pier 9 fall into the harbour?", "A crane fell into the harbour at Pier 9."),
    ("Velmora's mayor banned ferries", "Ferries in Velmora stop running in winter because of ice, not a ban."),
]


def cut_tensor(graph, layers: int) -> str:
    """The output of encoder layer ``layers - 1``: its last LayerNormalization."""
    pattern = re.compile(rf"layer\.{layers - 1}/output/LayerNorm/")
    hits = [n.output[0] for n in graph.node if n.op_type == "LayerNormalization" and pattern.search(n.name)]
    if len(hits) != 1:
        raise SystemExit(f"no single output LayerNorm of layer {layers - 1} in the graph ({len(hits)} found): "
                         "is this a torch.onnx export of a BERT-style model?")
    return hits[0]


def needed_nodes(graph, outputs: list[str], stop: set[str]) -> list:
    """The nodes that compute ``outputs``, in graph order, not looking behind ``stop``."""
    producer = {o: n for n in graph.node for o in n.output}
    keep: set[int] = set()
    stack, seen = list(outputs), set()
    while stack:
        name = stack.pop()
        if name in seen or name in stop or name not in producer:
            continue
        seen.add(name)
        node = producer[name]
        if id(node) not in keep:
            keep.add(id(node))
            stack.extend(node.input)
    return [n for n in graph.node if id(n) in keep]


def _model(graph, nodes, inputs, outputs, template):
    """A model of ``nodes`` with only the initializers they read, ``template``'s opsets."""
    import onnx

    used = {name for n in nodes for name in n.input}
    inits = [i for i in graph.initializer if i.name in used]
    # the exporter's shapes of inner tensors: without them onnxruntime cannot fuse Add and
    # LayerNormalization (SkipLayerNormalization), and the parts would round differently
    inner = {o for n in nodes for o in n.output} - {o.name for o in outputs}
    shapes = [v for v in graph.value_info if v.name in inner]
    made = onnx.helper.make_model(onnx.helper.make_graph(nodes, graph.name, inputs, outputs, inits, value_info=shapes),
                                  opset_imports=template.opset_import, ir_version=template.ir_version)
    onnx.checker.check_model(made)
    return made


def _rename(nodes, old: str, new: str) -> None:
    for n in nodes:
        for seq in (n.input, n.output):
            for i, name in enumerate(seq):
                if name == old:
                    seq[i] = new


def split(model, layers: int = LAYERS):
    """``(base, top)`` of a full model (an ``onnx.ModelProto``), cut after layer ``layers - 1``.

    The top's attention layers read the base's ``attention_bias``; where the full graph
    read the batch and length off an earlier hidden state (``Shape`` of a base tensor),
    the top reads them off ``hidden_states``, which has the same shape.
    """
    import copy

    import onnx

    graph = model.graph
    cut = cut_tensor(graph, layers)
    base_nodes = [copy.deepcopy(n) for n in needed_nodes(graph, [cut], set())]
    in_base = {o for n in base_nodes for o in n.output}
    states = {n.output[0] for n in base_nodes if n.op_type == "LayerNormalization"}
    biases = {n.input[1] for n in graph.node if n.op_type == "Add" and _ATTENTION_ADD.search(n.name)}
    if len(biases) != 1:
        raise SystemExit(f"expected one attention bias shared by all layers, found {len(biases)}: cannot cut here")
    bias = biases.pop()
    top_nodes = [copy.deepcopy(n) for n in needed_nodes(graph, [o.name for o in graph.output], {cut, bias})]
    for n in top_nodes:  # Shape of a hidden state computed in the base: the same shape as the cut's
        if n.op_type == "Shape" and n.input[0] in states:
            n.input[0] = cut
    top_nodes = needed_nodes(onnx.helper.make_graph(top_nodes, "top", [], [o for o in graph.output]),
                             [o.name for o in graph.output], {cut, bias})
    inherited = {o for n in top_nodes for o in n.output} & in_base
    weights = {i.name for i in graph.initializer if len(i.raw_data) > 4096 or len(i.float_data) > 1024}
    heavy = [n.name for n in top_nodes if n.output[0] in inherited and weights & set(n.input)]
    if heavy:
        raise SystemExit(f"the top would recompute base layers ({heavy[:3]}...): cannot cut here")
    for old, new in ((cut, HIDDEN), (bias, BIAS)):
        _rename(base_nodes, old, new)
        _rename(top_nodes, old, new)
    between = [_value_info(graph, cut, HIDDEN), _value_info(graph, bias, BIAS)]
    top_inputs = {i for n in top_nodes for i in n.input}
    if ({i.name for i in graph.input} - {"attention_mask"}) & top_inputs:
        raise SystemExit("the top reads input_ids: cannot cut here")
    mask = [i for i in graph.input if i.name in top_inputs]  # a head that pools over the mask
    base = _model(graph, base_nodes, list(graph.input), between, model)
    top = _model(graph, top_nodes, between + mask, list(graph.output), model)
    return base, top


def _value_info(graph, name: str, new: str):
    """The exporter's type and shape of ``name`` (its dimension names, as the neighbouring
    tensors have them), renamed ``new``."""
    import onnx

    for v in graph.value_info:
        if v.name == name:
            out = onnx.ValueInfoProto()
            out.CopyFrom(v)
            out.name = new
            return out
    raise SystemExit(f"{name}: the export recorded no shape for it; export with torch.onnx.export(dynamo=False)")


def _unnamed(tensor):
    import copy

    out = copy.deepcopy(tensor)
    out.name = ""
    return out


def signature(model) -> list[str]:
    """The base's weights by content, sorted: two bases are the same when these are (names
    differ between exports, and so may the graph around them: the tagger's export makes
    its all-zero token types another way; the chained outputs check the computation)."""
    return sorted(hashlib.sha256(_unnamed(i).SerializeToString()).hexdigest() for i in model.graph.initializer)


def probe_ids(texts=PROBES) -> list[list[int]]:
    """WordPiece ids of the probe texts (pairs as the cross-encoder reads them)."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(ONNX_DIR / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_length=256)
    return [e.ids for e in tok.encode_batch(list(texts))]


def largest_difference(full: str | Path, base: str | Path, top: str | Path, ids: list[list[int]]) -> float:
    """The largest absolute difference between the full model's output and the chained
    parts' on each id list, one input a call, through the runtime's own chaining
    (:class:`ChainedSession`, :func:`first_outputs`)."""
    import numpy as np
    import onnxruntime as ort

    whole = onnx_session(ort, full)
    chained = ChainedSession(onnx_session(ort, base), onnx_session(ort, top))
    pairs = zip(first_outputs(whole, ids), first_outputs(chained, ids))
    return max((float(np.abs(np.asarray(want, np.float64) - got).max()) for want, got in pairs), default=0.0)


def split_files(pairs: list[tuple[Path, Path]], base_path: Path = BASE_PATH, layers: int = LAYERS,
                write_base: bool = False, ids: list[list[int]] | None = None, tolerance: float = 1e-6) -> dict[str, float]:
    """Write each pair's top, check its base part against ``base_path`` (written from the
    first model when ``write_base``) and the chained outputs against the full model's;
    returns the largest difference per full model."""
    import onnx

    ids = ids if ids is not None else probe_ids()
    want = None
    if not write_base:
        if not base_path.is_file():
            raise SystemExit(f"{base_path}: no base file; give --write-base to make it from the first model")
        want = signature(onnx.load(str(base_path)))
    drift = {}
    for full, top_path in pairs:
        base, top = split(onnx.load(str(full)), layers)
        if want is None:
            base_path.parent.mkdir(parents=True, exist_ok=True)
            onnx.save(base, str(base_path))
            want = signature(base)
        elif signature(base) != want:
            raise SystemExit(f"{full}: the weights of its embeddings or first {layers} layers differ from {base_path}: "
                             f"keep them frozen when training (--cut {layers} or higher), or rebuild every top")
        top_path.parent.mkdir(parents=True, exist_ok=True)
        onnx.save(top, str(top_path))
        drift[str(full)] = largest_difference(full, base_path, top_path, ids)
        size = top_path.stat().st_size / 1e6
        print(f"{top_path} ({size:.1f} MB; base {base_path.stat().st_size / 1e6:.1f} MB): "
              f"largest difference from {full} {drift[str(full)]:.3g}", flush=True)
        if drift[str(full)] > tolerance:
            raise SystemExit(f"{full}: base + top differ from the full model by {drift[str(full)]:.3g} > {tolerance}")
    return drift


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+", help="FULL.onnx TOP.onnx pairs")
    ap.add_argument("--base", default=str(BASE_PATH), help="the shared base file")
    ap.add_argument("--layers", type=int, default=LAYERS, help="encoder layers in the base")
    ap.add_argument("--write-base", action="store_true", help="write the base from the first model")
    ap.add_argument("--tolerance", type=float, default=1e-6)
    args = ap.parse_args(argv)
    if len(args.files) % 2:
        ap.error("give FULL.onnx TOP.onnx pairs")
    pairs = [(Path(a), Path(b)) for a, b in zip(args.files[::2], args.files[1::2])]
    split_files(pairs, Path(args.base), args.layers, args.write_base, tolerance=args.tolerance)
    return 0


if __name__ == "__main__":
    sys.exit(main())
