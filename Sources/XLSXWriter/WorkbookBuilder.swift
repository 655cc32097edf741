import XLSXCore
