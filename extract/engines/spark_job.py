"""Driver script for ``spark-submit``: the CLI with ``--engine spark`` and spark-submit's master.

    spark-submit --master yarn --deploy-mode cluster [--archives env.tar.gz#env ...] \
        .../site-packages/extract/engines/spark_job.py hdfs:///archive/2024/ -o hdfs:///facts/2024 --format jsonl

Arguments are those of ``python -m extract`` (docs/scale-out.md). The ``extract`` package must be
importable on the driver and the executors (installed from the wheel into their Python environment).
"""

import os
import sys

# Run as a script, this file's folder (extract/engines) comes first on sys.path, where local.py and spark.py
# would shadow top-level modules of those names; only the installed package should be importable.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _here]

from extract.cli import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main([*sys.argv[1:], "--engine", "spark"]))
