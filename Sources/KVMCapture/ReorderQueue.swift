import HypercallLog

/// A hypercall from its `kvm_hv_hypercall` line to its `done`, in plain values only: filling,
/// changing and dropping one costs no reference counting and no allocation. The log record is
/// built from it once, when it leaves the queue.
struct PendingCall {
    var sequence: UInt64
    var entryTime: UInt64
    var inputValue: UInt64
    /// The GPAs, or for a fast call the first two input registers (RDX, R8).
    var input: UInt64
    var output: UInt64
    var fast: Bool
    var partition: Int32
    var vcpu: UInt32?
    /// The task (vCPU thread) in the importer's task table.
    var task: Int32
    /// The phase in the importer's phase list.
    var phase: Int32
    /// Set by the `done`.
    var exitTime: UInt64? = nil
    var result: UInt64? = nil
    /// The first flush or IPI traced during the call; further ones (rare) wait in the queue's overflow table.
    var detail: DetailFields? = nil
    var detailForL2 = false
    var moreDetails = false
}

/// Entries in the order they began; each is emitted once it and all before it are complete.
/// A ring of slots: an open call is changed in place in its slot, and the slots of emitted
/// entries are reused. Slots are absolute numbers (never reused while their entry waits).
/// Markers (rare) wait in a first-in-first-out list beside the ring.
final class ReorderQueue {
    private enum Kind: UInt8 { case empty, call, marker }

    private struct Slot {
        var call: PendingCall?
        var kind = Kind.empty
        var ready = false
    }

    // Used from one thread, like the importer (no runtime access tracking).
    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<Slot>
    @exclusivity(unchecked) private var mask: Int
    /// Absolute numbers of the first entry not yet emitted and of the next entry to add.
    @exclusivity(unchecked) private var head = 0
    @exclusivity(unchecked) private var tail = 0
    @exclusivity(unchecked) private var markers: [LogMarker?] = []
    @exclusivity(unchecked) private var markerHead = 0
    /// Flushes and IPIs after a call's first, by slot.
    @exclusivity(unchecked) private var moreDetails: [Int: [(DetailFields, forL2: Bool)]] = [:]

    init(capacity: Int = 256) {
        var size = 2
        while size < capacity { size *= 2 }
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Slot(), count: size)
        mask = size - 1
    }

    deinit {
        slots.deinitialize(count: mask + 1)
        slots.deallocate()
    }

    /// Adds a call that is not complete yet; returns its slot.
    func append(_ call: PendingCall) -> Int {
        let slot = reserveSlot()
        slots[slot & mask].call = call
        slots[slot & mask].kind = .call
        return slot
    }

    /// Adds a marker (always complete).
    func append(_ marker: consuming LogMarker) {
        let slot = reserveSlot()
        markers.append(marker)
        slots[slot & mask].kind = .marker
        slots[slot & mask].ready = true
    }

    /// Completes the open call in `slot` (a slot `append(_: PendingCall)` returned).
    @inline(__always) func complete(_ slot: Int, exitTime: UInt64, result: UInt64) {
        slots[slot & mask].call!.exitTime = exitTime
        slots[slot & mask].call!.result = result
        slots[slot & mask].ready = true
    }

    /// Adds a flush's or IPI's fields to the open call in `slot`.
    func addDetail(_ slot: Int, _ fields: DetailFields, forL2: Bool) {
        if slots[slot & mask].call!.detail == nil {
            slots[slot & mask].call!.detail = fields
            slots[slot & mask].call!.detailForL2 = forL2
        } else {
            slots[slot & mask].call!.moreDetails = true
            moreDetails[slot, default: []].append((fields, forL2))
        }
    }

    /// Lets the call in `slot` leave incomplete (its task began another call).
    func markReady(_ slot: Int) { slots[slot & mask].ready = true }

    /// Emits the complete entries at the front.
    @inline(__always)
    func drainReady(call: (borrowing PendingCall, [(DetailFields, forL2: Bool)]) throws -> Void, marker: (consuming LogMarker) throws -> Void) rethrows {
        while head < tail, slots[head & mask].ready {
            try emitHead(call: call, marker: marker)
        }
    }

    /// Emits everything left, complete or not.
    func drainAll(call: (borrowing PendingCall, [(DetailFields, forL2: Bool)]) throws -> Void, marker: (consuming LogMarker) throws -> Void) rethrows {
        while head < tail { try emitHead(call: call, marker: marker) }
        markers.removeAll()
        markerHead = 0
    }

    /// Takes the entry at the head out of its slot (leaving the slot empty) and emits it.
    @inline(__always)
    private func emitHead(call: (borrowing PendingCall, [(DetailFields, forL2: Bool)]) throws -> Void, marker: (consuming LogMarker) throws -> Void) rethrows {
        let slot = slots + (head & mask)
        let number = head
        head += 1
        let kind = slot.pointee.kind
        slot.pointee.kind = .empty
        slot.pointee.ready = false
        switch kind {
        case .call:
            let pending = slot.pointee.call!
            try call(pending, pending.moreDetails ? moreDetails.removeValue(forKey: number) ?? [] : [])
        case .marker:
            let next = markers[markerHead].take()!
            markerHead += 1
            if markerHead == markers.count {
                markers.removeAll(keepingCapacity: true)
                markerHead = 0
            }
            try marker(next)
        case .empty:
            break
        }
    }

    private func reserveSlot() -> Int {
        if tail - head > mask { grow() }
        defer { tail += 1 }
        return tail
    }

    /// Doubles the ring, keeping every waiting entry at its absolute slot number.
    @inline(never) private func grow() {
        let oldSize = mask + 1, newSize = 2 * oldSize
        let grown = UnsafeMutablePointer<Slot>.allocate(capacity: newSize)
        grown.initialize(repeating: Slot(), count: newSize)
        for slot in head..<tail {
            swap(&grown[slot & (newSize - 1)], &slots[slot & mask])
        }
        slots.deinitialize(count: oldSize)
        slots.deallocate()
        slots = grown
        mask = newSize - 1
    }
}
