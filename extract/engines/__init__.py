"""Engines that run the extractor over a source (``extract.sources``).

- ``local``: a process pool on this machine, ``OUT/facts.csv`` (the default, and the CLI's historic output).
- ``spark``: PySpark ``mapPartitions`` on any Spark master, ``OUT/facts/`` Parquet partitioned by year and
  region code. Needs the extra ``requirements-spark.txt`` and Java 17+; imported only when asked for.

Both run ``extract.engines.common.extract_record`` on every record, so they give the same facts.
"""
