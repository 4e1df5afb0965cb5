import ArgumentParser

/// A command that runs against an explicit environment, so that tests can run it in-process on their
/// own database and read what it prints.
protocol EnvironmentCommand: AsyncParsableCommand {
    func run(_ environment: CommandEnvironment) async throws
}

extension ServeCommand: EnvironmentCommand {}
extension MigrateCommand: EnvironmentCommand {}
extension DemoCommand.Load: EnvironmentCommand {}
extension UsersCommand.Create: EnvironmentCommand {}
extension UsersCommand.List: EnvironmentCommand {}
extension UsersCommand.SetPassword: EnvironmentCommand {}
extension UsersCommand.Disable: EnvironmentCommand {}
extension UsersCommand.Enable: EnvironmentCommand {}
