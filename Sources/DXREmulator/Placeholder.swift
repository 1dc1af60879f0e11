import Crypto
import Hummingbird
import HummingbirdTLS

public enum EmulatorPlaceholder {}
