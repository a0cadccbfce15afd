"""Driver script for ``spark-submit``: the CLI with ``--engine spark`` and spark-submit's master.

    spark-submit --master yarn --deploy-mode cluster [--archives env.tar.gz#env ...] \
        extract/engines/spark_job.py hdfs:///archive/2024/ -o hdfs:///facts/2024 --format jsonl

Arguments are those of ``python -m extract`` (docs/scale-out.md). The ``extract`` package must be
importable on the driver and the executors (installed from the wheel into their Python environment).
"""

import sys

from extract.cli import main

if __name__ == "__main__":
    raise SystemExit(main([*sys.argv[1:], "--engine", "spark"]))
