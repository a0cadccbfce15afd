"""python -m extract ARTICLES_DIR -o OUT_DIR [--workers N]  ->  OUT_DIR/facts.csv"""

from extract.cli import main

raise SystemExit(main())
