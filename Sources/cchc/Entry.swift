import CCHCWeb

/// The `cchc` program: everything it does is a command of `CCHCCommand`.
@main
enum Entry {
    static func main() async {
        CCHCCommand.runConcurrencyOnEventLoops()
        await CCHCCommand.main(nil)
    }
}
