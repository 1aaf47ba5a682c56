/// The profile's fields compiled against the target's registers once, when recording starts
/// (`StopSnapshot.compile`): reading them at a stop looks no register name up. A class: a stop
/// takes it with one retain, not a copy of every field.
extension GDBLogger {
    final class Fields {
        typealias Field = StopSnapshot.Compiled?
        let programCounter: StopSnapshot.Compiled
        let inputValue, inputAddress, inputSize, partitionID, vpIndex, vtl, outputAddress, outputSize: Field
        /// Where the return address is at entry (`exit.returnAddress`), nil with explicit exit addresses.
        let returnAddress: Field
        let resultValue, exitOutputAddress: Field
        /// Every field read at entry, prefetched in one batch.
        let atEntry: [StopSnapshot.Compiled]
        /// Every field read at exit.
        let atExit: [StopSnapshot.Compiled]

        init(profile: TargetProfile, programCounter: String, snapshot: StopSnapshot) {
            let compile = { (expression: ProfileExpression?) in expression.map(snapshot.compile) }
            let entry = profile.atEntry
            self.programCounter = snapshot.compile(.register(programCounter))
            inputValue = compile(entry.inputValue)
            inputAddress = compile(entry.inputAddress)
            inputSize = compile(entry.inputSize)
            partitionID = compile(entry.partitionID)
            vpIndex = compile(entry.vpIndex)
            vtl = compile(entry.vtl)
            outputAddress = compile(entry.outputAddress)
            outputSize = compile(entry.outputSize)
            if case .returnAddress(let expression) = profile.exit { returnAddress = snapshot.compile(expression) } else { returnAddress = nil }
            resultValue = compile(profile.atExit.resultValue)
            exitOutputAddress = compile(profile.atExit.outputAddress)
            atEntry = [inputValue, inputAddress, inputSize, partitionID, vpIndex, vtl, outputAddress, outputSize, returnAddress].compactMap { $0 }
            atExit = [resultValue, exitOutputAddress].compactMap { $0 }
        }
    }
}
