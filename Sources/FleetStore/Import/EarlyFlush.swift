import Foundation

/// Writes a file's dirty pages to disk on a thread of its own (`fdatasync` through a
/// descriptor of its own: it flushes the file's pages whoever wrote them).
///
/// A first load writes the whole table before it builds the indexes; the commit's `fsync`
/// then had to write all of it (0.2 s of a 1M-row import). Flushed while the indexes are
/// built — CPU work that leaves the disk idle — the commit writes only what came after. It
/// changes when the pages reach the disk, not what is durable when: the commit still syncs.
final class EarlyFlush: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)

    init(path: String) {
        let thread = Thread { [done] in
            let fd = open(path, O_RDONLY)
            if fd >= 0 {
                _ = fdatasync(fd)
                close(fd)
            }
            done.signal()
        }
        thread.start()
    }

    /// Waits for the flush to end.
    func wait() { done.wait() }
}
