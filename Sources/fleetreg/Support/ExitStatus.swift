import ArgumentParser
import FleetCore
import FleetStore
import GRDB

/// The exit codes of docs/cli.md.
enum ExitStatus: Int32 {
    case ok = 0, deny = 1, badInput = 2, refer = 3, storeFailure = 4
}

/// Bad input found by a command (not by the argument parser): exit 2 with this message.
struct InputError: Error {
    var message: Message
    init(_ message: Message) { self.message = message }
    init(zh: String, en: String) { message = Message("BAD_INPUT", zh: zh, en: en) }
}

/// A failure already reported on stdout (JSON or text): exit with this status and print nothing more.
struct Reported: Error { var status: ExitStatus }

enum ErrorReport {
    /// The exit status and the message for people of an error that ended a command.
    static func describe(_ error: Error, lang: Lang) -> (ExitStatus, String) {
        switch error {
        case let e as Reported:
            return (e.status, "")
        case let e as InputError:
            return (.badInput, (lang == .zh ? "错误：" : "error: ") + e.message.text(lang))
        case let e as ImportFailure:
            let head = lang == .zh ? "文件被拒绝，未写入任何内容：" : "file rejected, nothing written:"
            return (.badInput, ([head] + e.findings.map { "  " + $0.text(lang) }).joined(separator: "\n"))
        case let e as PolicyError:
            return (.badInput, (lang == .zh ? "策略文件无效：" : "invalid policy file: ") + e.description)
        case let e as DatabaseError:
            return (.storeFailure, (lang == .zh ? "数据库错误：" : "store failure: ") + "\(e)")
        case let e as StoreCorruption:
            return (.storeFailure, (lang == .zh ? "数据库错误：" : "store failure: ") + e.message)
        default:
            return (.storeFailure, (lang == .zh ? "错误：" : "error: ") + "\(error)")
        }
    }
}
