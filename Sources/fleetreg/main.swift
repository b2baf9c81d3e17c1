import ArgumentParser
import Foundation

// Runs the command and maps errors to the exit codes of docs/cli.md:
// 0 ok/allow, 1 deny, 2 bad input or usage, 3 refer, 4 store failure.
let arguments = GlobalOptions.hoistingLeadingGlobals(Array(CommandLine.arguments.dropFirst()))
let lang = GlobalOptions.langGuess(arguments)
var command: ParsableCommand
do {
    command = try Fleetreg.parseAsRoot(arguments)
} catch {
    let code = Fleetreg.exitCode(for: error)
    if code == .success {
        Fleetreg.exit(withError: error)          // --help, --version: ArgumentParser prints them
    }
    FileHandle.standardError.write(Data((Fleetreg.fullMessage(for: error) + "\n").utf8))
    exit(ExitStatus.badInput.rawValue)
}
do {
    try command.run()
} catch let e as ExitCode {
    exit(e.rawValue)
} catch {
    // `fleetreg help X` and `--help` arrive here from ArgumentParser's help command.
    switch Fleetreg.exitCode(for: error) {
    case .success: Fleetreg.exit(withError: error)
    case .validationFailure:
        FileHandle.standardError.write(Data((Fleetreg.fullMessage(for: error) + "\n").utf8))
        exit(ExitStatus.badInput.rawValue)
    default: break
    }
    let (status, message) = ErrorReport.describe(error, lang: lang)
    if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
    exit(status.rawValue)
}
