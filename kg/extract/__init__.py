"""Entity extraction: spaCy rule components that find methods, benchmarks, models,
organizations, metrics (and concepts) in ML paper titles and abstracts."""

from kg.extract.extractor import Extractor, build_pipeline

__all__ = ["Extractor", "build_pipeline"]
