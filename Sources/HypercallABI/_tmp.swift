extension StatusEntry { static let all: [StatusEntry] = [] }
extension CatalogRow { static let allRows: [CatalogRow] = [CatalogRow(0x0003, .rep, [("HvCallFlushVirtualAddressList", [.tlfsPage])]), CatalogRow(0x0002, .simple, [("HvCallFlushVirtualAddressSpace", [.tlfsPage])])] }
