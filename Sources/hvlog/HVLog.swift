import ArgumentParser

@main
struct HVLog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hvlog",
        abstract: "Log, decode and analyse Hyper-V hypercalls.",
        discussion: "Start with `hvlog codes` for the call-code catalog, `hvlog explain NAME` for one hypercall.",
        version: "0.1.0",
        subcommands: [CodesCommand.self, ExplainCommand.self, DecodeCommand.self, CatCommand.self, ConvertCommand.self, ExportCommand.self, ImportCommand.self, RecordCommand.self, MarkCommand.self, ReportCommand.self, DiffCommand.self, LabCommand.self]
    )
}
