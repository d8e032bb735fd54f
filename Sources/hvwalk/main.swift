import HVCommandLine

HVWalkCommand.main()
