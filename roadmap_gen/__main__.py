from roadmap_gen.cli import main

raise SystemExit(main())
