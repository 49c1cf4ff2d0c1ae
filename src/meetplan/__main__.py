from meetplan.cli import main

main()
