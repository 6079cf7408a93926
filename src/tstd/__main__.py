from tstd.cli import main

main()
