import ArgumentParser
import CCHCCore
import WorkCalendar

// Values the commands read as typed arguments, so that a bad one is refused while the command line is
// parsed: the error names the option, lists what it accepts, and the usage shown is the subcommand's.

extension Role: ExpressibleByArgument {}

extension LocalDate: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}
