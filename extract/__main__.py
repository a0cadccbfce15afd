"""python -m extract ARTICLES_DIR -o OUT_DIR [--workers N]  ->  OUT_DIR/facts.csv
python -m extract explain ARTICLE                          ->  every number of one article with its decisions"""

import sys

if len(sys.argv) > 1 and sys.argv[1] == "explain":
    from extract.explain import main

    raise SystemExit(main(sys.argv[2:]))

from extract.cli import main  # noqa: E402

raise SystemExit(main())
