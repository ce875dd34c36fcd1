import ArgumentParser
import Recursion

// Strategy names and tool modes parse straight from the command line; a wrong value is a usage
// error that lists the accepted ones.
extension StrategyKind: ExpressibleByArgument {}
extension StrategyOptions.ToolMode: ExpressibleByArgument {}
