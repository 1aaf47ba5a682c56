import Foundation
import HypercallABI
import HypercallLog
#if canImport(Glibc)
import Glibc
#endif

/// Writes and reads `count` realistic records in each format and prints records/s and ratios.
enum LogIOBenchmark {
    /// A deterministic mix: 70% KVM-tracepoint-like records (GPAs, result, one attribute, no blocks),
    /// 30% debugger-like records (input and output block bytes, caller IP).
    static func record(_ index: Int) -> LogEntry {
        let codes: [UInt16] = [0x0002, 0x0003, 0x000B, 0x0013, 0x0014, 0x0015, 0x0050, 0x005C]
        var state = UInt64(index) &* 0x9E37_79B9_7F4A_7C15
        state ^= state >> 29
        let code = codes[Int(state % UInt64(codes.count))]
        let rep: UInt64 = code == 0x0003 || code == 0x0014 || code == 0x0050 ? 1 + state % 6 : 0
        let input = try! HypercallInputValue(callCode: HypercallCode(code), isFast: code == 0x000B, repCount: rep)
        let entryTime = UInt64(index) * 2_500 + state % 1000
        var record = HypercallRecord(
            sequence: UInt64(index), entryTime: entryTime, exitTime: entryTime + 400 + state % 3000, source: "kvm",
            partitionID: 191, partitionRole: .guest, vpIndex: UInt32(state % 4), phase: index < 5_000_000 ? "workload" : "idle",
            inputValue: input, convention: code == 0x000B ? .fast : .memory,
            resultValue: try! HypercallResultValue(status: .success, repsCompleted: rep))
        if index % 10 < 7 {
            record.inputGPA = 0x1_0000_0000 + (state % 0x10000) * 8
            record.outputGPA = 0
            record.attributes = [RecordAttribute("flush.flags", "0x\(state % 8)")]
        } else {
            record.source = "gdb"
            record.callerIP = 0xFFFF_F800_0000_0000 + state % 0x100000
            record.input = (0..<24).map { UInt8(truncatingIfNeeded: state >> UInt64($0 % 8 * 8)) }
            record.output = [UInt8](repeating: 0, count: 8)
        }
        return .call(record)
    }

    static func run(count: Int, directory: String, formats: [LogFormat] = LogFormat.allCases, runs: Int = 3) throws {
        let header = LogHeader(createdAt: 0, sourceDescription: "hvlog-bench log-io")
        let entries = (0..<count).map(record)
        print("log I/O benchmark: \(count) records (70% KVM-like, 30% debugger-like), one core, files in \(directory), median of \(runs) runs")
        var rates: [String: Double] = [:]
        func report(_ label: String, _ seconds: [Double], _ bytes: Int) {
            let sorted = seconds.sorted()
            let median = sorted[sorted.count / 2]
            rates[label] = Double(count) / median
            print(String(format: "%-20@ %12.0f records/s  %7.1f MB/s  (runs %.3f–%.3f s; %.1f bytes/record)",
                         label, Double(count) / median, Double(bytes) / median / 1e6, sorted.first!, sorted.last!, Double(bytes) / Double(count)))
        }
        for format in formats {
            let path = "\(directory)/bench.\(format.rawValue)"
            var writes: [Double] = [], reads: [Double] = [], reusedReads: [Double] = [], views: [Double] = []
            for _ in 0..<runs {
                writes.append(try measure {
                    let writer = try format.createWriter(path: path, header: header, flushInterval: nil)
                    for entry in entries { try writer.append(entry) }  // each entry copied out of the array (its references retained), as a caller holding records pays
                    try writer.close()
                })
                // Owned records, as a consumer reads them: a fresh value per entry (`while let`), and
                // the streaming loop that reads into one entry; each touches the fields the view read touches.
                var readCount = 0, readChecksum = 0
                @inline(__always) func touch(_ record: HypercallRecord) {
                    readChecksum &+= Int(record.callCode.rawValue) &+ record.phase.utf8.count &+ Int(record.partitionID ?? 0)
                        &+ Int(record.resultValue?.status.rawValue ?? 0)
                }
                reads.append(try measure {
                    let reader = try LogFormat.openReader(path: path)
                    while let entry = try reader.next() {
                        readCount += 1
                        if case .call(let record) = entry { touch(record) }
                    }
                })
                precondition(readCount == count && readChecksum != 0, "read \(readCount) of \(count)")
                let freshChecksum = readChecksum
                (readCount, readChecksum) = (0, 0)
                reusedReads.append(try measure {
                    let reader = try LogFormat.openReader(path: path)
                    var record = HypercallRecord(sequence: 0, source: "", inputValue: HypercallInputValue(rawValue: 0))
                    while let read = try reader.next(into: &record) {
                        readCount += 1
                        if case .call = read { touch(record) }
                    }
                })
                precondition(readCount == count && readChecksum == freshChecksum, "read into: \(readCount) of \(count)")
                if format == .hvl {
                    // The zero-copy view read that aggregation uses: touch the fields a usage table needs.
                    var viewCount = 0, checksum = 0
                    views.append(try measure {
                        let reader = try HVLReader(path: path)
                        while let view = try reader.nextView() {
                            viewCount += 1
                            checksum &+= Int(view.callCode.rawValue) &+ view.phaseBytes.count &+ Int(view.partitionID ?? 0)
                                &+ Int(view.resultValue?.status.rawValue ?? 0)
                        }
                    })
                    precondition(viewCount == count && checksum != 0)
                }
            }
            let size = fileSize(path)
            report("\(format.rawValue) write", writes, size)
            report("\(format.rawValue) read", reads, size)
            report("\(format.rawValue) read into", reusedReads, size)
            if !views.isEmpty { report("hvl read (views)", views, size) }
            unlink(path)
        }
        if let hvlWrite = rates["hvl write"], let jsonlWrite = rates["jsonl write"], let hvlRead = rates["hvl read"], let jsonlRead = rates["jsonl read"] {
            print(String(format: "ratio hvl/jsonl: write %.2fx, read %.2fx (read into %.2fx, views %.2fx)", hvlWrite / jsonlWrite, hvlRead / jsonlRead,
                         (rates["hvl read into"] ?? 0) / (rates["jsonl read into"] ?? 1), (rates["hvl read (views)"] ?? 0) / jsonlRead))
        }
        // Each target beside the rows it applies to, with the verdict of this run.
        func verdict(_ label: String, _ target: Double) -> String? {
            rates[label].map { String(format: "%@ %.2f M %@", label, $0 / 1e6, $0 >= target ? "met" : "missed") }
        }
        let targets: [(String, Double, [String])] = [("hvl read ≥ 5,000,000/s", 5e6, ["hvl read (views)", "hvl read into", "hvl read"]),
                                                     ("hvl write ≥ 3,000,000/s", 3e6, ["hvl write"]),
                                                     ("jsonl read ≥ 1,000,000/s", 1e6, ["jsonl read", "jsonl read into"])]
        for (name, target, labels) in targets {
            let verdicts = labels.compactMap { verdict($0, target) }
            if !verdicts.isEmpty { print("target \(name): " + verdicts.joined(separator: "; ")) }
        }
    }

    static func row(_ label: String, _ count: Int, _ seconds: Double, _ bytes: Int) -> String {
        String(format: "%-17@ %7.3f s  %12.0f records/s  %8.1f MB/s  (%d bytes, %.1f bytes/record)",
               label, seconds, Double(count) / seconds, Double(bytes) / seconds / 1e6, bytes, Double(bytes) / Double(count))
    }
}

func measure(_ body: () throws -> Void) rethrows -> Double {
    var start = timespec(), end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    try body()
    clock_gettime(CLOCK_MONOTONIC, &end)
    return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
}

/// Runs a program and returns its standard output.
func runOutput(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

func fileSize(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : -1
}
