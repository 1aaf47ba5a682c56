import Foundation

/// Symbol look-up in an ELF file's `.symtab` (or `.dynsym`), 32- or 64-bit little-endian.
///
/// Layouts from the System V gABI as Linux's include/uapi/linux/elf.h declares them:
/// ELF header `e_ident[EI_CLASS]` at 4 (1 = 32-bit, 2 = 64-bit), `e_ident[EI_DATA]` at 5
/// (1 = little-endian); `e_shoff` at 0x20 (32-bit, 4 bytes) / 0x28 (64-bit, 8 bytes), then
/// `e_shentsize`, `e_shnum` (Elf_Half) at 0x2E/0x30 (32) and 0x3A/0x3C (64). Section header
/// (Elf32_Shdr/Elf64_Shdr): sh_name, sh_type, sh_flags, sh_addr, sh_offset, sh_size, sh_link, …;
/// symbol (Elf32_Sym: st_name, st_value, st_size, st_info, st_other, st_shndx;
/// Elf64_Sym: st_name, st_info, st_other, st_shndx, st_value, st_size). SHT_SYMTAB = 2, SHT_DYNSYM = 11.
public struct ELFSymbols {
    public let path: String
    private let bytes: [UInt8]
    private let is64: Bool

    static let sectionTypeSymtab: UInt32 = 2
    static let sectionTypeDynsym: UInt32 = 11

    public init(path: String) throws(GDBError) {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path) else { throw .elf("\(path): cannot read the file") }
        bytes = [UInt8](data)
        guard bytes.count >= 0x40, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46 else {
            throw .elf("\(path): not an ELF file (no \\x7fELF magic at offset 0)")
        }
        guard bytes[5] == 1 else { throw .elf("\(path): offset 5 (EI_DATA) is \(bytes[5]); only little-endian ELF is supported") }
        switch bytes[4] {
        case 1: is64 = false
        case 2: is64 = true
        default: throw .elf("\(path): offset 4 (EI_CLASS) is \(bytes[4]), neither 1 (32-bit) nor 2 (64-bit)")
        }
    }

    /// The value (address) of the symbol `name`, from `.symtab` first, then `.dynsym`.
    public func address(of name: String) throws(GDBError) -> UInt64 {
        let wanted = Array(name.utf8)
        let sectionOffset = try word(at: is64 ? 0x28 : 0x20, size: is64 ? 8 : 4)
        let entrySize = try word(at: is64 ? 0x3A : 0x2E, size: 2)
        let count = try word(at: is64 ? 0x3C : 0x30, size: 2)
        guard sectionOffset > 0, count > 0 else { throw .elf("\(path): no section headers (stripped of them?)") }
        var sawSymbolTable = false
        for wantedType in [Self.sectionTypeSymtab, Self.sectionTypeDynsym] {
            for index in 0..<count {
                let header = Int(sectionOffset + index * entrySize)
                guard try word(at: header + 4, size: 4) == UInt64(wantedType) else { continue }
                sawSymbolTable = true
                let tableOffset = try word(at: header + (is64 ? 0x18 : 0x10), size: is64 ? 8 : 4)
                let tableSize = try word(at: header + (is64 ? 0x20 : 0x14), size: is64 ? 8 : 4)
                let link = try word(at: header + (is64 ? 0x28 : 0x18), size: 4)
                let stringHeader = Int(sectionOffset + link * entrySize)
                let stringsOffset = try word(at: stringHeader + (is64 ? 0x18 : 0x10), size: is64 ? 8 : 4)
                let symbolSize: UInt64 = is64 ? 24 : 16
                var symbol = tableOffset
                while symbol + symbolSize <= tableOffset + tableSize {
                    let nameOffset = try word(at: Int(symbol), size: 4)
                    if nameOffset != 0, matches(wanted, at: Int(stringsOffset + nameOffset)) {
                        return try word(at: Int(symbol) + (is64 ? 8 : 4), size: is64 ? 8 : 4)
                    }
                    symbol += symbolSize
                }
            }
        }
        throw .elf(sawSymbolTable ? "\(path): no symbol named '\(name)'" : "\(path): no symbol table (the file is stripped)")
    }

    private func matches(_ name: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset + name.count < bytes.count else { return false }
        for (index, byte) in name.enumerated() where bytes[offset + index] != byte { return false }
        return bytes[offset + name.count] == 0
    }

    private func word(at offset: Int, size: Int) throws(GDBError) -> UInt64 {
        guard offset >= 0, offset + size <= bytes.count else { throw .elf("\(path): truncated: offset \(offset) + \(size) is past the end (\(bytes.count) bytes)") }
        var value: UInt64 = 0
        for index in (0..<size).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
        return value
    }
}
