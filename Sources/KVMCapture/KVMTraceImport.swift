import HypercallLog

/// Imports ftrace text files into a log.
public enum KVMTraceImport {
    /// Reads every file in turn (`-` is standard input) and appends their entries to `writer`.
    /// Each file is a separate trace: calls still open at its end are closed as incomplete.
    /// `progress` is called now and then with the bytes read so far in the current file.
    public static func run(
        paths: [String], options: KVMTraceImporter.Options, writer: any LogWriter,
        progress: ((Int) -> Void)? = nil
    ) throws -> KVMImportStatistics {
        var total = KVMImportStatistics()
        var sequenceBase: UInt64 = 0
        for path in paths {
            let lines = try LineReader(path: path)
            var fileOptions = options
            fileOptions.firstSequence = sequenceBase  // numbering continues across files
            let importer = KVMTraceImporter(options: fileOptions) { entry in try writer.append(entry) }
            while let line = try lines.next() {
                try importer.consume(line: line, lineNumber: lines.lineNumber)
                if lines.lineNumber & 0xFFFF == 0 { progress?(lines.bytesRead) }
            }
            try importer.finish()
            sequenceBase += UInt64(importer.emittedEntries)
            total.add(importer.statistics)
        }
        return total
    }
}
