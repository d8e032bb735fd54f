import HVCommandLine

await HVWalkCommand.runMain()
