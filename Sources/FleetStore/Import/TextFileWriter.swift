import Foundation

/// A buffered writer of UTF-8 text to a file.
///
///     let w = try TextFileWriter(path: "errors.csv", bom: true)
///     w.write("a,b\r\n"); try w.close()
public final class TextFileWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    public init(path: String, bom: Bool = false) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let h = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        handle = h
        if bom { buffer += [0xEF, 0xBB, 0xBF] }
    }

    public func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    public func close() throws {
        flush()
        try handle.close()
    }
}
